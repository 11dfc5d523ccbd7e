import { type ReactNode, useId } from 'react';

interface Props {
  /** The vendor's product name ("Komet Sales"), shown above the title; a plugin's own card has its title only. */
  readonly vendor?: string;
  /** The vendor's own name for the setting ("Order Confirmation Webhook"). */
  readonly title: string;
  readonly intro: ReactNode;
  readonly children: ReactNode;
}

/** One card of the Integrations page: a region named by vendor and title ("Komet Sales Order Confirmation Webhook"). */
export function IntegrationCard({ vendor, title, intro, children }: Props) {
  const id = useId();
  return (
    // An article is a card to Pico; as a named region it is a landmark screen readers can jump to.
    <article role="region" aria-labelledby={vendor ? `${id}-vendor ${id}-title` : `${id}-title`}>
      <header>
        {vendor && <small id={`${id}-vendor`}>{vendor}</small>}
        <h2 id={`${id}-title`}>{title}</h2>
        <p>{intro}</p>
      </header>
      {children}
    </article>
  );
}
