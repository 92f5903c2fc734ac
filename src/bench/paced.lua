-- Paces each connection: waits WRK_DELAY_MS between its requests, so that the offered rate is about
-- connections / (delay + latency). Headers come from -H as usual.
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
function delay()
  return pause
end
