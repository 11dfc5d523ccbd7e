import { useId } from 'react';
import type { DeliveryAttempt } from './deliveries-api';
import { Instant } from './instant';

/** One attempt as it went over the wire: the request sent (secrets masked), what came back, the verdict. */
export function AttemptCard({ attempt }: { readonly attempt: DeliveryAttempt }) {
  const headingId = useId();
  const { request, response } = attempt;
  return (
    <article aria-labelledby={headingId}>
      <header>
        <h3 id={headingId}>
          Attempt {attempt.n}: {attempt.outcome}
        </h3>
        <Instant iso={attempt.at} />, took {attempt.durationMs} ms
      </header>
      <table>
        <tbody>
          <tr>
            <th scope="row">Outcome</th>
            <td>{attempt.outcome}</td>
          </tr>
          {attempt.error && (
            <tr>
              <th scope="row">Error</th>
              <td>{attempt.error}</td>
            </tr>
          )}
          {attempt.vendorMessage && (
            <tr>
              <th scope="row">Vendor message</th>
              <td>{attempt.vendorMessage}</td>
            </tr>
          )}
          {attempt.dueAt && (
            <tr>
              <th scope="row">Next attempt due</th>
              <td>
                <Instant iso={attempt.dueAt} />
              </td>
            </tr>
          )}
          {attempt.deferrals ? (
            <tr>
              <th scope="row">Put off</th>
              <td>{attempt.deferrals} times (endpoint busy)</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h4>Request</h4>
      <p>
        <code>
          {request.method} {request.url}
        </code>
      </p>
      <details>
        <summary>Headers ({Object.keys(request.headers).length})</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Header</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(request.headers).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>
                  <code>{value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <Body label="Request body" text={request.body} />
      <h4>Response</h4>
      {response ? (
        <>
          <p>
            Status <strong>{response.status}</strong>
          </p>
          <Body label="Response body" text={response.body} />
        </>
      ) : (
        <p>No response{attempt.error ? `: ${attempt.error}` : ''}.</p>
      )}
    </article>
  );
}

function Body({ label, text }: { readonly label: string; readonly text: string }) {
  if (!text) return <p>{label}: empty.</p>;
  return (
    <figure>
      <figcaption>{label}</figcaption>
      <pre className="wrapped">{text}</pre>
    </figure>
  );
}
