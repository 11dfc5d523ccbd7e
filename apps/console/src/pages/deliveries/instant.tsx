import { formatInstant } from './local-time';

/** A `<time>` for an ISO instant, shown in the reader's time zone. */
export function Instant({ iso }: { readonly iso: string }) {
  return <time dateTime={iso}>{formatInstant(iso)}</time>;
}
