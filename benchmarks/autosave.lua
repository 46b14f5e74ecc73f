-- An autosave as the checklist page sends it: one answer changed (back and forth, so
-- that every save is a new version), the base version the last answer gave, the CSRF
-- token in its header, htmx's header. BENCH_* come from the bench (pages.py). Any answer
-- but a 200 is counted and printed at the end as status.lua does (loaded from beside
-- this file), so the bench refuses a run of errors.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "status.lua")
local base = tonumber(os.getenv("BENCH_BASE_VERSION") or "1")
local key = os.getenv("BENCH_KEY")
local others = os.getenv("BENCH_BODY")  -- the rest of the section's form, as the page has it
local values = { os.getenv("BENCH_VALUE_A"), os.getenv("BENCH_VALUE_B") }
local count = 0

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

local counted = response
response = function(status, headers, body)
  counted(status, headers, body)
  local number = string.match(body, 'id="base%-version" value="(%d+)"')
  if number then
    base = tonumber(number)
  end
end
