-- wrk script for the write path: enroll a student in a paid course, then pay the invoice it opened.
--   wrk -t T ... -s bench/enroll_pay.lua http://127.0.0.1:8080 -- PAIRS_FILE T RUN_LABEL INFLIGHT_OUT TOKEN_FILE
-- PAIRS_FILE has one "userId<TAB>courseId<TAB>price<TAB>currency" line per (student, paid course) pair,
-- no pair twice. Thread i of T takes lines i, i+T, i+2T, ...: no pair is used by two threads, so every
-- enrollment is a new one. RUN_LABEL keeps idempotency keys and payment references unique across runs.
--
-- wrk gives each thread one Lua state shared by its connections and tells response() neither the
-- connection nor the request, so the chaining is per thread: a 201 from an enrollment queues its invoice,
-- and the next request() of any of the thread's connections pays the oldest queued invoice before it
-- enrolls anyone else. Each enrollment is thus followed by exactly one payment; status codes tell the
-- answers apart (201 = enrolled, 200 = paid). Both calls carry an Idempotency-Key, and the bearer token read
-- from TOKEN_FILE (one line): a token of the service role, which may enroll any student and pay any invoice.
--
-- When wrk stops, payments still in flight are left unanswered although the app may have committed them.
-- done() writes those ("invoiceId<TAB>Idempotency-Key<TAB>body") to INFLIGHT_OUT, so that run.sh can repeat
-- them with the same key (the app replays or completes them) and the paid-invoice count can be checked
-- exactly. It also prints one machine-readable line (BENCH ...) for run.sh.

local counter = 0
local threads = {}

function setup(thread)
   counter = counter + 1
   thread:set("thread_id", counter)
   table.insert(threads, thread)
end

-- per thread (globals, so that done() can read them with thread:get)
enroll_bodies = {}        -- request bodies of this thread's pairs, in order
price_of = {}             -- courseId -> the Money JSON of its price
next_pair = 1
queue, queue_head, queue_tail = {}, 1, 0   -- invoices enrolled but not yet paid: {id, money}
unanswered = {}           -- invoiceId -> INFLIGHT_OUT line, for payments sent and not answered 200
seq = 0                   -- numbers idempotency keys and payment references
enrolled, paid, failed, exhausted = 0, 0, 0, 0
first_failure = ""

local json_headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }

function init(args)
   local file = args[1] or error("usage: -- PAIRS_FILE THREADS RUN_LABEL INFLIGHT_OUT TOKEN_FILE")
   local threads_total = tonumber(args[2]) or error("THREADS missing")
   label = args[3] or error("RUN_LABEL missing")
   inflight_out = args[4] or error("INFLIGHT_OUT missing")
   local token_file = assert(io.open(args[5] or error("TOKEN_FILE missing"), "r"))
   local token = token_file:read("*l")
   token_file:close()
   if not token or #token == 0 then
      error("no token in " .. args[5])
   end
   json_headers["Authorization"] = "Bearer " .. token
   wrk.headers["Authorization"] = "Bearer " .. token   -- for the harmless read sent after running out
   local line_no = 0
   for line in io.lines(file) do
      line_no = line_no + 1
      if (line_no - thread_id) % threads_total == 0 then
         local user, course, amount, currency = line:match("^(%S+)\t(%S+)\t(%d+)\t(%u%u%u)$")
         if not user then
            error("bad line " .. line_no .. " in " .. file .. ": " .. line)
         end
         enroll_bodies[#enroll_bodies + 1] = '{"userId":"' .. user .. '","courseId":"' .. course .. '"}'
         price_of[course] = '{"amount":' .. amount .. ',"currency":"' .. currency .. '"}'
      end
   end
   if #enroll_bodies == 0 then
      error("no pairs for thread " .. thread_id .. " in " .. file)
   end
end

local function headers_with_key(key)
   json_headers["Idempotency-Key"] = key
   return json_headers
end

function request()
   seq = seq + 1
   if queue_head <= queue_tail then
      local invoice = queue[queue_head]
      queue[queue_head] = nil
      queue_head = queue_head + 1
      local key = "bench-" .. label .. "-pay-" .. thread_id .. "-" .. seq
      local body = '{"paymentReference":"bench-' .. label .. "-" .. thread_id .. "-" .. seq
            .. '","amount":' .. invoice[2] .. "}"
      unanswered[invoice[1]] = invoice[1] .. "\t" .. key .. "\t" .. body
      return wrk.format("POST", "/api/v1/invoices/" .. invoice[1] .. "/pay", headers_with_key(key), body)
   end
   if next_pair > #enroll_bodies then
      -- The pair file is sized for more than this run can use; running out would make enrollments repeat.
      -- Stop the thread (run.sh fails the run) and send something harmless meanwhile.
      exhausted = 1
      wrk.thread:stop()
      return wrk.format("GET", "/api/v1/courses?limit=1")
   end
   local body = enroll_bodies[next_pair]
   next_pair = next_pair + 1
   return wrk.format("POST", "/api/v1/enrollments",
      headers_with_key("bench-" .. label .. "-enroll-" .. thread_id .. "-" .. seq), body)
end

function response(status, headers, body)
   if status == 201 then
      local invoice = body:match('"invoiceId":"([^"]+)"')
      local course = body:match('"courseId":"([^"]+)"')
      if invoice and course and price_of[course] then
         enrolled = enrolled + 1
         queue_tail = queue_tail + 1
         queue[queue_tail] = { invoice, price_of[course] }
         return
      end
   elseif status == 200 then
      local invoice = body:match('"id":"([^"]+)"')
      if invoice and unanswered[invoice] and body:find('"status":"paid"', 1, true) then
         unanswered[invoice] = nil
         paid = paid + 1
         return
      end
      if exhausted == 1 then
         return  -- the harmless read sent after running out
      end
   end
   failed = failed + 1
   if first_failure == "" then
      first_failure = status .. " " .. body:sub(1, 300):gsub("%s+", " ")
   end
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   local total = { enrolled = 0, paid = 0, failed = 0, exhausted = 0, queued = 0 }
   local failure, out_file = "", nil
   local lines = {}
   for _, thread in ipairs(threads) do
      for name in pairs(total) do
         if name ~= "queued" then
            total[name] = total[name] + thread:get(name)
         end
      end
      total.queued = total.queued + thread:get("queue_tail") - thread:get("queue_head") + 1
      if failure == "" then
         failure = thread:get("first_failure")
      end
      out_file = thread:get("inflight_out")
      for _, line in pairs(thread:get("unanswered")) do
         lines[#lines + 1] = line
      end
   end
   local out = assert(io.open(out_file, "w"))
   for _, line in ipairs(lines) do
      out:write(line, "\n")
   end
   out:close()
   io.write(string.format(
      "BENCH requests=%d rps=%.1f pairs=%d pairs_per_s=%.1f enrolled=%d inflight_pays=%d unpaid_queued=%d "
         .. "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d unexpected=%d exhausted=%d "
         .. "connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.requests / seconds, total.paid, total.paid / seconds, total.enrolled,
      #lines, total.queued,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, e.status, total.failed, total.exhausted, e.connect, e.read, e.write, e.timeout))
   if failure ~= "" then
      io.write("FIRST_FAILURE " .. failure .. "\n")
   end
end
