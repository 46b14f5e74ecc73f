-- An autosave as the checklist page sends it: one answer changed (back and forth, so
-- that every save is a new version), the base version the last answer gave, the CSRF
-- token in its header, htmx's header. BENCH_* come from the bench (pages.py). Any answer
-- but a 200 is counted and printed at the end, so the bench refuses a run of errors.
local base = tonumber(os.getenv("BENCH_BASE_VERSION") or "1")
local key = os.getenv("BENCH_KEY")
local others = os.getenv("BENCH_BODY")  -- the rest of the section's form, as the page has it
local values = { os.getenv("BENCH_VALUE_A"), os.getenv("BENCH_VALUE_B") }
local count = 0
unexpected = 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

request = function()
  count = count + 1
  local body = others .. "&base_version=" .. base .. "&changed=" .. key .. "&" .. key .. "=" .. values[count % 2 + 1]
  -- wrk.format replaces the command line's headers (the cookie, the proxy's) when given
  -- some: they are added to its own here.
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
  headers["Origin"] = os.getenv("BENCH_ORIGIN")
  headers["HX-Request"] = "true"
  return wrk.format("POST", nil, headers, body)
end

response = function(status, headers, body)
  if status ~= 200 then
    unexpected = unexpected + 1
  end
  local number = string.match(body, 'id="base%-version" value="(%d+)"')
  if number then
    base = tonumber(number)
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("unexpected")
  end
  io.write("Not 200: ", total, "\n")
end
