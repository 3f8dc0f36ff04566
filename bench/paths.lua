-- wrk script: each request GETs a path picked at random from a file (one path per line, e.g.
-- "/api/v1/courses/0190...": the file's composition sets the mix), with the bearer token read from
-- TOKEN_FILE (one line) if given. Usage:
--   wrk ... -s bench/paths.lua http://127.0.0.1:8080 -- PATHS_FILE [TOKEN_FILE]
-- done() prints one machine-readable line (BENCH ...) that run.sh parses.

local paths = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("thread_id", counter)
end

function init(args)
   local file = args[1] or error("usage: -- PATHS_FILE [TOKEN_FILE]")
   if args[2] then
      local f = assert(io.open(args[2], "r"))
      local token = f:read("*l")
      f:close()
      if not token or #token == 0 then
         error("no token in " .. args[2])
      end
      -- wrk.format() sends wrk.headers when a request passes none
      wrk.headers["Authorization"] = "Bearer " .. token
   end
   for line in io.lines(file) do
      if #line > 0 then
         paths[#paths + 1] = line
      end
   end
   if #paths == 0 then
      error("no paths in " .. file)
   end
   -- each thread its own sequence, or all threads would request the same paths in lockstep
   math.randomseed(os.time() * 1000 + thread_id)
end

function request()
   return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
