import type { SystemState } from './system-queries';

/** Each service's readiness (`/health/ready`), in words and a sign, never by colour alone. */
export function ServicesTable({ services }: { readonly services: SystemState['services'] }) {
  if (services.length === 0) return <p>No services are configured (HOOKBUS_SERVICE_URLS).</p>;
  return (
    <div className="overflow-auto">
      <table>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Readiness</th>
            <th scope="col">Address</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {services.map((service) => (
            <tr key={`${service.name} ${service.url}`}>
              <th scope="row">{service.name}</th>
              <td className={service.ready ? 'readiness-ready' : 'readiness-not-ready'}>
                <span aria-hidden="true">{service.ready ? '✓ ' : '✗ '}</span>
                {service.ready ? 'Ready' : 'Not ready'}
              </td>
              <td>
                <code>{service.url}</code>
              </td>
              <td>{[service.status === undefined ? undefined : `HTTP ${service.status}`, service.error].filter(Boolean).join(': ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
