-- wrk script for conditional GETs: each request GETs a path picked at random from a file of
-- "path<TAB>etag" lines, with "If-None-Match: etag", and the bearer token read from TOKEN_FILE. Every
-- answer should be 304 Not Modified; other statuses are counted as "unexpected". Usage:
--   wrk ... -s bench/conditional.lua http://127.0.0.1:8080 -- PATHS_ETAGS_FILE TOKEN_FILE
-- done() prints one machine-readable line (BENCH ...) that run.sh parses.

local counter = 0
local threads = {}

function setup(thread)
   counter = counter + 1
   thread:set("thread_id", counter)
   table.insert(threads, thread)
end

local requests = {}
not_modified, unexpected = 0, 0

function init(args)
   local file = args[1] or error("usage: -- PATHS_ETAGS_FILE TOKEN_FILE")
   local f = assert(io.open(args[2] or error("TOKEN_FILE missing"), "r"))
   local token = f:read("*l")
   f:close()
   for line in io.lines(file) do
      local path, etag = line:match("^([^\t]+)\t(.+)$")
      if path then
         -- pre-formatted: the request is built once, not per call
         requests[#requests + 1] = wrk.format("GET", path,
            { ["Authorization"] = "Bearer " .. token, ["If-None-Match"] = etag })
      end
   end
   if #requests == 0 then
      error("no path<TAB>etag lines in " .. file)
   end
   math.randomseed(os.time() * 1000 + thread_id)
end

function request()
   return requests[math.random(#requests)]
end

function response(status, headers, body)
   if status == 304 then
      not_modified = not_modified + 1
   else
      unexpected = unexpected + 1
   end
end

function done(summary, latency, requests_)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   local nm, un = 0, 0
   for _, t in ipairs(threads) do
      nm = nm + t:get("not_modified")
      un = un + t:get("unexpected")
   end
   io.write(string.format(
      "BENCH requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d not_modified=%d unexpected=%d\n",
      summary.requests, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout, nm, un))
end
