-- wrk script for GET /api/v1/help: each request asks about the next country from a list, so the
-- run covers every country Cove knows instead of one hot answer.
--
--   wrk -s bench/help-now/help.lua http://127.0.0.1:8080 -- countries.txt
--
-- countries.txt holds one ISO 3166-1 alpha-2 code a line. Each thread starts at a different place
-- in the list so concurrent connections do not ask about the same country in lockstep.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local threads = 0

function setup(thread)
   thread:set("thread_index", threads)
   threads = threads + 1
end

local countries = {}
local position = 1
-- With HELP_AT set (an ISO 8601 instant), every request asks about that instant, which Cove
-- always works out afresh: the figures then show the cost of an answer, not of a kept one.
local at = os.getenv("HELP_AT")
local suffix = at and ("&at=" .. at:gsub("%+", "%%2B")) or ""

function init(args)
   local path = args[1]
   if not path then
      error("help.lua: pass the countries file after --, as in: wrk ... URL -- countries.txt")
   end
   local file = assert(io.open(path, "r"))
   for line in file:lines() do
      local code = line:match("^%s*(%u%u)%s*$")
      if code then countries[#countries + 1] = code end
   end
   file:close()
   if #countries == 0 then error("help.lua: no country codes in " .. path) end
   -- Spread the threads' starting points over the list.
   position = ((thread_index or 0) * 7919) % #countries + 1
end

function request()
   local code = countries[position]
   position = position % #countries + 1
   return wrk.format("GET", "/api/v1/help?country=" .. code .. suffix)
end
