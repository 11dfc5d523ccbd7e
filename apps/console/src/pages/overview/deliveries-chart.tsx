import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ScrollRegion } from '../deliveries/scroll-region';
import { type BucketSize, bucketTotal, type DeliveryBuckets, STACKED_STATUSES } from './stats-api';

// One color per status, told apart by lightness as well as hue.
const COLORS: Record<(typeof STACKED_STATUSES)[number], string> = {
  delivered: '#2e7d32',
  pending: '#90caf9',
  retrying: '#f9a825',
  failed: '#c62828',
  abandoned: '#6a1b9a',
  cancelled: '#9e9e9e',
};

// Hour buckets read in the viewer's time; day buckets are UTC days, so they are named in UTC.
const tickFormats: Record<BucketSize, Intl.DateTimeFormat> = {
  hour: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
  day: new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
};
const rowFormats: Record<BucketSize, Intl.DateTimeFormat> = {
  hour: new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
  day: new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }),
};

interface DeliveriesChartProps {
  readonly title: string;
  readonly bucket: BucketSize;
  readonly buckets: DeliveryBuckets;
}

/**
 * Stacked bars of deliveries by status; the chart is one image to assistive technology, described by
 * its totals, and every number is in the table under "Numbers".
 */
export function DeliveriesChart({ title, bucket, buckets }: DeliveriesChartProps) {
  const headingId = useId();
  const totals = Object.fromEntries(STACKED_STATUSES.map((status) => [status, buckets.reduce((sum, row) => sum + row[status], 0)]));
  const total = buckets.reduce((sum, row) => sum + bucketTotal(row), 0);
  const summary =
    total === 0
      ? 'No deliveries.'
      : `${total} ${total === 1 ? 'delivery' : 'deliveries'}: ${STACKED_STATUSES.filter((status) => totals[status] > 0)
          .map((status) => `${totals[status]} ${status}`)
          .join(', ')}.`;
  const data = buckets.map((row) => ({ ...row, label: tickFormats[bucket].format(new Date(row.start)) }));
  return (
    <article aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p>{summary}</p>
      <div role="img" aria-label={`${title}: ${summary}`} className="chart">
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={data} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            {/* In stacking order, not alphabetical. */}
            <Legend itemSorter={null} />
            {STACKED_STATUSES.map((status) => (
              <Bar key={status} dataKey={status} stackId="status" fill={COLORS[status]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>Numbers</summary>
        <ScrollRegion label={`${title}, numbers`}>
          <table className="striped">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{bucket === 'hour' ? 'Hour from' : 'Day (UTC)'}</th>
                {STACKED_STATUSES.map((status) => (
                  <th key={status} scope="col">
                    {status}
                  </th>
                ))}
                <th scope="col">total</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((row) => (
                <tr key={row.start}>
                  <th scope="row">
                    <time dateTime={row.start}>{rowFormats[bucket].format(new Date(row.start))}</time>
                  </th>
                  {STACKED_STATUSES.map((status) => (
                    <td key={status}>{row[status]}</td>
                  ))}
                  <td>{bucketTotal(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </article>
  );
}
