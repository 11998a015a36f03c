-- wrk script of bench/run's scale section: list clients of All devices, as admins' browsers are.
-- Each connection is one client: it asks for a page the grid sends (default view, sorted,
-- filtered, searched, paged: the All devices budget queries; the bench's grid section times the
-- rest), then looks at it for BENCH_THINK_MS (±50 %) before the next; 0 asks
-- back to back. The token comes from BENCH_TOKEN.

local think = tonumber(os.getenv("BENCH_THINK_MS") or "1000")
local list = "/beta/deviceManagement/managedDevices?$top=50&$count=true"
local paths = {
  list,
  list .. "&$orderby=lastSyncDateTime%20desc",
  list .. "&$orderby=userPrincipalName",
  list .. "&$filter=managementAgent%20eq%20'configurationManagerClient'",
  list .. "&$filter=managementAgent%20in%20('configurationManagerClientMdm',%20'configurationManagerClientMdmEas')%20and%20complianceState%20eq%20'compliant'",
  list .. "&$search=%22lt-00421%22",
  list .. "&$skip=5000&$orderby=deviceName",
  list .. "&$filter=managedDeviceOwnerType%20eq%20'personal'&$orderby=osVersion%20desc",
}
local next_path = 0

wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")

function setup(thread)
  thread:set("offset", math.random(#paths))
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function delay()
  if think == 0 then return 0 end
  return math.floor(think * (0.5 + math.random()))
end
