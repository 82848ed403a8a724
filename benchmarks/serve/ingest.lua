-- wrk script: streaming ingest. Each request posts READINGS (100) hourly readings for one asset; a thread
-- cycles over ASSETS (1000) assets of its own, each asset receiving consecutive blocks of readings in time
-- order (bodies pre-built in init, so the client spends little CPU). Readings/s = requests/s x READINGS.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("KEY") or "bench-key-0123456789abcdef")
local per = tonumber(os.getenv("READINGS") or "100")
local assets = tonumber(os.getenv("ASSETS") or "1000")
local blocks = 64
local bodies = {}
local prefix
local n = 0

function init(args)
  prefix = "w" .. string.sub(tostring({}), -6)
  local t0 = 1443657600 -- 2015-10-01 00:00:00 UTC
  for b = 0, blocks - 1 do
    local parts = {}
    for i = 1, per do
      local t = t0 + (b * per + i) * 3600
      parts[i] = string.format('{"time":"%s","values":{"volt":%.3f,"rotate":%.3f,"pressure":%.3f,"vibration":%.3f}}',
        os.date("!%Y-%m-%d %H:%M:%S", t), 170 + (i % 7), 450 + (i % 11), 100 + (i % 5), 40 + (i % 3))
    end
    bodies[b] = '{"readings":[' .. table.concat(parts, ",") .. '],"attributes":{"model":"model3","age":"10"}}'
  end
end

function request()
  local a = n % assets
  local round = math.floor(n / assets)
  local b = round % blocks
  local epoch = math.floor(round / blocks)
  n = n + 1
  return wrk.format(nil, "/v1/assets/" .. prefix .. "-" .. epoch .. "-" .. a .. "/readings", nil, bodies[b])
end
