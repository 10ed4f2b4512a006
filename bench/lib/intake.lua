-- wrk script for bench/intake.sh: every request submits one 22-item SERVQUAL response with its
-- own personal-link token (tokens from $TOKENS, one per line, split between wrk's threads).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local tokens = {}
local bodies = {}
local next_token = 1
local statuses = {}

local rows = {
  tangibles = {"T1", "T2", "T3", "T4"},
  reliability = {"RL1", "RL2", "RL3", "RL4", "RL5"},
  responsiveness = {"RS1", "RS2", "RS3", "RS4"},
  assurance = {"A1", "A2", "A3", "A4"},
  empathy = {"E1", "E2", "E3", "E4", "E5"},
}
local order = {"tangibles", "reliability", "responsiveness", "assurance", "empathy"}

local function answers()
  -- a realistic mix: about one response in ten is a detractor and opens a feedback case (F5)
  local r = math.random()
  local mood = (r < 0.04 and 2) or (r < 0.18 and 3) or (r < 0.6 and 4) or 5
  local parts = {}
  for _, m in ipairs(order) do
    local cells = {}
    for _, r in ipairs(rows[m]) do
      local v = math.max(1, math.min(5, mood + math.random(-1, 1)))
      cells[#cells + 1] = string.format('"%s":%d', r, v)
    end
    parts[#parts + 1] = string.format('"%s":{%s}', m, table.concat(cells, ","))
  end
  local nps = math.max(0, math.min(10, mood * 2 + math.random(-1, 1)))
  parts[#parts + 1] = string.format('"overall":%d', mood)
  parts[#parts + 1] = string.format('"nps":%d', nps)
  return "{" .. table.concat(parts, ",") .. "}"
end

function init(args)
  local nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
  local i = 0
  for line in io.lines(os.getenv("TOKENS")) do
    if i % nthreads == tid then tokens[#tokens + 1] = line end
    i = i + 1
  end
  math.randomseed(1000 + tid)
  -- the answer objects are drawn once, so that wrk spends its time sending, not formatting
  for k = 1, 1024 do bodies[k] = answers() end
end

function request()
  local token = tokens[next_token]
  next_token = next_token + 1
  if token == nil then
    token = "exhausted"
  end
  local body = '{"token":"' .. token .. '","lang":"vi","answers":' .. bodies[(next_token % 1024) + 1] .. '}'
  return wrk.format("POST", "/api/v1/public/responses", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  -- per-thread status counts are not reachable here; wrk's own non-2xx count is printed.
end
