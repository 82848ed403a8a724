-- wrk script: POST the same scoring body (BODY, default body.json) with the benchmark's API key.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("KEY") or "bench-key-0123456789abcdef")
local f = assert(io.open(os.getenv("BODY") or "body.json", "rb"))
wrk.body = f:read("*a")
f:close()
