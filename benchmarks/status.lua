-- A GET as a browser sends it (the command line's headers); any answer but a 200 (a
-- redirect to sign in, say) is counted and printed at the end, so the bench refuses it.
unexpected = 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

response = function(status, headers, body)
  if status ~= 200 then
    unexpected = unexpected + 1
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("unexpected")
  end
  io.write("Not 200: ", total, "\n")
end
