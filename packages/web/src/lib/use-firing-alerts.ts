import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../api/client.js";

/** The firing alerts (up to 50), for the nav badge and the overview; alert events refresh them. */
export function useFiringAlerts() {
  return useQuery({
    queryKey: ["alerts", "firing"],
    queryFn: () =>
      unwrap(api.GET("/api/v1/alerts", { params: { query: { state: "firing", limit: 50 } } })),
  });
}
