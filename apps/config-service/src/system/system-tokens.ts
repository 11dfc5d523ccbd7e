/** The services `GET /v1/system` probes besides config-service (HOOKBUS_SERVICE_URLS). */
export const SERVICE_URLS = Symbol('SERVICE_URLS');
