// The delivery log the scale bench loads, as SQL over a row number `i` (1, 2, …): every column is a
// function of `i`, so SQLite and PostgreSQL hold the same log and the bench knows any row's ids
// without reading them back. One delivery in five belongs to the measured tenant (the largest one:
// its lists are the longest to walk), the rest to 199 others; 5 subscriptions a tenant (20 for the
// measured one), about three deliveries a subject, a spread of statuses, 1–3 attempts each.

export const OTHER_TENANTS = 199;
export const MEASURED_SHARE = 5;
export const MEASURED_SUBSCRIPTIONS = 20;
/** The log spans this much time at the largest size, inside config-service's 30-day retention. */
export const SPAN_MS = 20 * 86_400_000;
const PRIME = 2_654_435_761n;
const PRIME2 = 2_246_822_519n;
const TWO32 = 4_294_967_296n;

const hex = (value, width) => value.toString(16).padStart(width, '0');
/** The delivery id of row `i` (`dlv_` and 26 characters, spread like a hash). */
export const deliveryIdOf = (i) => `dlv_${hex((BigInt(i) * PRIME) % TWO32, 8)}${hex((BigInt(i) * PRIME2 + 12_345n) % TWO32, 8)}${hex(BigInt(i), 10)}`;
export const eventIdOf = (i) => `evt_${hex((BigInt(i) * PRIME2) % TWO32, 8)}${hex(BigInt(i), 12)}`;
export const subjectOf = (i) => `ORD-${Math.floor(i / 15)}`;
export const isMeasured = (i) => i % MEASURED_SHARE === 0;
export const measuredSubscriptionOf = (i) => `sub_${hex(BigInt(90_000 + (Math.floor(i / MEASURED_SHARE) % MEASURED_SUBSCRIPTIONS)), 16)}`;
export const createdAtOf = (i, { startMs, stepMs }) => new Date(startMs + i * stepMs);

/** SQL expressions of the dialect's few differences. */
const DIALECTS = {
  sqlite: {
    hex: (expr, width) => `printf('%0${width}x', ${expr})`,
    time: (ms) => `(${ms})`,
    json: (text) => text,
  },
  postgresql: {
    hex: (expr, width) => `lpad(to_hex(${expr}), ${width}, '0')`,
    time: (ms) => `to_timestamp((${ms}) / 1000.0)`,
    json: (text) => `(${text})::json`,
  },
};

// libsql binds a JS number as a REAL: cast, or `i` is a float and its products (the ids' hashes)
// lose digits past 2^53, and `i / 15` is no longer integer division (the subjects).
const SQLITE_SERIES = 's(i) as (select cast(? as integer) union all select i + 1 from s where i < ?)';

/** `i`'s status: 88 % delivered, 4 % failed, 2 % retrying, 3 % pending, 2 % abandoned, 1 % cancelled. */
const STATUS = `case when (i * 2654435761) % 1000 < 880 then 'delivered' when (i * 2654435761) % 1000 < 920 then 'failed'
  when (i * 2654435761) % 1000 < 940 then 'retrying' when (i * 2654435761) % 1000 < 970 then 'pending'
  when (i * 2654435761) % 1000 < 990 then 'abandoned' else 'cancelled' end`;
/** Attempts: delivered mostly at once (90 % one, 8 % two, 2 % three), failed and abandoned after three. */
const ATTEMPTS = `case when (i * 2654435761) % 1000 < 880 then (case when (i * 40503) % 100 < 90 then 1 when (i * 40503) % 100 < 98 then 2 else 3 end)
  when (i * 2654435761) % 1000 < 920 then 3 when (i * 2654435761) % 1000 < 940 then 1 + (i * 40503) % 2
  when (i * 2654435761) % 1000 < 970 then 1 when (i * 2654435761) % 1000 < 990 then 3 else 1 end`;

/** SQL for the deliveries and attempts of rows `from..to` (inclusive), a series of `i` in the dialect's way. */
export function loadStatements(dialect, { startMs, stepMs, measuredTenant }) {
  const d = DIALECTS[dialect];
  const created = `${startMs} + i * ${stepMs}`;
  const tenant = `case when i % ${MEASURED_SHARE} = 0 then '${measuredTenant}' else 'tnt_' || ${d.hex(`(i * 7919) % ${OTHER_TENANTS}`, 16)} end`;
  const subscription = `'sub_' || ${d.hex(`case when i % ${MEASURED_SHARE} = 0 then 90000 + (i / ${MEASURED_SHARE}) % ${MEASURED_SUBSCRIPTIONS} else ((i * 7919) % ${OTHER_TENANTS}) * 100 + i % 5 end`, 16)}`;
  const id = `'dlv_' || ${d.hex(`(i * ${PRIME}) % ${TWO32}`, 8)} || ${d.hex(`(i * ${PRIME2} + 12345) % ${TWO32}`, 8)} || ${d.hex('i', 10)}`;
  const eventId = `'evt_' || ${d.hex(`(i * ${PRIME2}) % ${TWO32}`, 8)} || ${d.hex('i', 12)}`;
  const plugin = `case i % 3 when 0 then 'komet' when 1 then 'komerce' else 'postback' end`;
  const hook = `case i % 3 when 0 then 'order-confirmation' when 1 then 'order' else 'order.completed' end`;
  // The order as the receiver gets it: 300–1,000 bytes, more lines on some orders.
  const line = `'{"sku":"SKU-' || (i % 9000) || '","name":"Adult ticket, category 2","qty":2,"unitPrice":"48.50","currency":"EUR"},'`;
  const body = `'{"orderId":"' || (i / 15) || '","status":"COMPLETED","customer":{"id":"C' || (i % 100000) || '","email":"buyer' || (i % 100000) || '@example.test"},"lines":[' || ${repeat(dialect, line, `1 + i % 6`)} || '{}],"total":"97.00"}'`;
  const event = `'{"specversion":"1.0","id":"' || ${eventId} || '","source":"erp","type":"order.completed","subject":"ORD-' || (i / 15) || '","data":' || ${body} || '}'`;
  const deliveries = `insert into deliveries (id, tenant_id, event_id, subscription_id, subject, plugin, hook, status, vendor_message, attempt_count, event, due_at, finished_at, created_at, updated_at)
    select ${id}, ${tenant}, ${eventId}, ${subscription}, 'ORD-' || (i / 15), ${plugin}, ${hook}, ${STATUS}, null, ${ATTEMPTS},
      case when ${STATUS} = 'delivered' then null else ${d.json(event)} end,
      case when ${STATUS} = 'retrying' then ${d.time(`${created} + 600000`)} end,
      case when ${STATUS} in ('pending', 'retrying') then null else ${d.time(`${created} + 2000`)} end,
      ${d.time(created)}, ${d.time(`${created} + 2000`)}`;
  const url = `'https://erp' || ((i * 7919) % ${OTHER_TENANTS}) || '.example.test/hooks/orders'`;
  const headers = `'{"content-type":"application/json","user-agent":"hookbus/1.0","webhook-id":"' || ${id} || '","webhook-timestamp":"' || ((${created}) / 1000) || '","webhook-signature":"v1,********","authenticationToken":"********"}'`;
  const request = `'{"method":"POST","url":"' || ${url} || '","headers":' || ${headers} || ',"body":' || ${jsonString(dialect, body)} || '}'`;
  const last = `n = ${ATTEMPTS}`;
  const outcome = `case when ${last} then ${STATUS} else 'retrying' end`;
  const response = `case when ${outcome} = 'delivered' then '{"status":200,"body":"{\\"ok\\":true,\\"message\\":\\"Order ' || (i / 15) || ' received\\"}"}'
    else '{"status":503,"body":"<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request. Please try again later.</p></body></html>"}' end`;
  const attempts = `insert into delivery_attempts (delivery_id, n, at, request, response, duration_ms, error, outcome, vendor_message, due_at, deferrals, endpoint)
    select ${id}, n, ${d.time(`${created} + (n - 1) * 60000`)}, ${d.json(request)}, ${d.json(response)}, 20 + i % 180,
      case when ${outcome} = 'delivered' then null else 'HTTP 503' end, ${outcome}, null,
      case when ${outcome} = 'retrying' then ${d.time(`${created} + n * 60000`)} end, null, ${d.json(`'{"concurrency":8,"circuit":"closed"}'`)}`;
  return dialect === 'sqlite'
    ? {
        deliveries: `with recursive ${SQLITE_SERIES} ${deliveries} from s`,
        attempts: `with recursive ${SQLITE_SERIES}, a(n) as (values (1), (2), (3)) ${attempts} from s join a on a.n <= ${ATTEMPTS}`,
      }
    : {
        deliveries: `${deliveries} from generate_series($1::bigint, $2::bigint) as i`,
        attempts: `${attempts} from generate_series($1::bigint, $2::bigint) as i cross join generate_series(1, 3) as n where n <= ${ATTEMPTS}`,
      };
}

const repeat = (dialect, text, times) =>
  dialect === 'postgresql' ? `repeat(${text}, (${times})::int)` : `replace(printf('%.*c', ${times}, 'x'), 'x', ${text})`;

/** The JSON text of `text` as a JSON string: its quotes escaped (the generated bodies hold no backslash). */
const jsonString = (_dialect, text) => `'"' || replace(${text}, '"', '\\"') || '"'`;
