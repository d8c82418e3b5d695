-- wrk script for scripts/load-test.py: every request takes the next path of LOAD_PATHS (one per
-- line, in a shuffled order) with the next session cookie of LOAD_COOKIES (one per line), so the
-- requests are spread over every signed-in session. At the end it prints one JSON line with the
-- latency percentiles (ms) and the errors.
local function lines(file)
  local out = {}
  for line in io.lines(file) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

local paths = lines(os.getenv("LOAD_PATHS"))
local cookies = lines(os.getenv("LOAD_COOKIES"))
local counter = 0

function init(args)
  -- Each thread starts at a different place in both lists.
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
  counter = math.random(#paths * #cookies)
end

function request()
  counter = counter + 1
  local path = paths[math.random(#paths)]
  local cookie = cookies[(counter % #cookies) + 1]
  return wrk.format("GET", path, { ["Cookie"] = cookie, ["Accept"] = "application/json" })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout))
end
