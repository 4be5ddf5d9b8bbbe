-- wrk script of bench_api.py: send GET requests for the paths listed (one per line) in
-- the file named after `--`, in order from the 0-based position given after it, cycling;
-- then print one machine-readable line. Run wrk with one thread (-t1).
local paths = {}
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  next_index = tonumber(args[2] or "0") % #paths
end

function request()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d failed=%d p50_ms=%.3f p95_ms=%.3f max_ms=%.3f\n",
    summary.requests, errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency.max / 1000))
end
