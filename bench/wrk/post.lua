-- wrk script: POST the benchmark body (BODY_FILE, default bench/body.json) with the relay key
-- (BENCH_KEY; the fake upstream ignores it) and print one machine-readable summary line.
local f = assert(io.open(os.getenv("BODY_FILE") or "bench/body.json", "r"))
local body = f:read("*a")
f:close()
if os.getenv("BENCH_STREAM") == "1" then
  body = body:gsub('"stream": false', '"stream": true')
end

wrk.method = "POST"
wrk.body = body
wrk.headers["content-type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.headers["x-api-key"] = os.getenv("BENCH_KEY") or "bench"

-- No response() callback: defining one makes wrk parse every body and slows the driver.
-- wrk counts non-2xx/3xx answers itself (summary.errors.status).
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  -- latencies in microseconds
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f mean_us=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d errors=%d non200=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6), latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    errors, summary.errors.status))
end
