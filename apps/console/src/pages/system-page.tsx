import './system/system.css';
import { useQuery } from '@tanstack/react-query';
import { FormError } from '../forms/field';
import { ConsumerLagTable } from './system/consumer-lag-table';
import { QuarantineTable } from './system/quarantine-table';
import { ServicesTable } from './system/services-table';
import { SYSTEM_KEY, SYSTEM_REFRESH_MS, systemState } from './system/system-queries';

/** The operator's view of the platform: readiness, consumer lag and quarantine, refreshed every few seconds. */
export function SystemPage() {
  const system = useQuery({ queryKey: SYSTEM_KEY, queryFn: systemState, refetchInterval: SYSTEM_REFRESH_MS });
  const updated = system.dataUpdatedAt ? new Date(system.dataUpdatedAt) : undefined;
  return (
    <>
      <h1>System</h1>
      <p>
        {updated ? (
          <>
            Updated at <time dateTime={updated.toISOString()}>{updated.toLocaleTimeString()}</time>;
          </>
        ) : (
          'Loading;'
        )}{' '}
        refreshed every {SYSTEM_REFRESH_MS / 1000} seconds.
      </p>
      {/* A failed refresh keeps the last answer on screen, saying it is stale. */}
      {system.error && (
        <>
          <FormError error={system.error} />
          {system.data && <p>The tables below show the last answer.</p>}
        </>
      )}
      <article aria-labelledby="services-heading" aria-busy={system.isPending}>
        <h2 id="services-heading">Services</h2>
        {system.data && <ServicesTable services={system.data.services} />}
      </article>
      {system.data?.kafkaError && (
        <p role="alert" className="form-error">
          Kafka did not answer, so consumer lag and quarantine are unknown: {system.data.kafkaError}
        </p>
      )}
      <article aria-labelledby="lag-heading" aria-busy={system.isPending}>
        <h2 id="lag-heading">Consumer lag</h2>
        {system.data && !system.data.kafkaError && <ConsumerLagTable groups={system.data.consumerGroups} />}
      </article>
      <article aria-labelledby="quarantine-heading" aria-busy={system.isPending}>
        <h2 id="quarantine-heading">Quarantine</h2>
        {system.data && !system.data.kafkaError && <QuarantineTable topics={system.data.quarantine} />}
      </article>
    </>
  );
}
