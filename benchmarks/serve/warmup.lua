-- wrk script for the warm-up: the scoring body of score.lua, sent alternately explained and with ?explain=false,
-- so the JIT profiles both paths before either is measured. Warmed on one path only, the compiled route hit
-- branches it had never seen when the run switched paths, was deoptimized, and was recompiled slowly under load.
local f = assert(io.open(os.getenv("BODY") or "body.json", "rb"))
local body = f:read("*a")
f:close()
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. (os.getenv("KEY") or "bench-key-0123456789abcdef"),
}
local n = 0
request = function()
  n = n + 1
  local path = wrk.path .. (n % 2 == 0 and "?explain=false" or "")
  return wrk.format("POST", path, headers, body)
end
