import type { ReactNode } from 'react';

/** A wide table's box that scrolls sideways on a narrow screen; focusable, so it scrolls by keyboard too. */
export function ScrollRegion({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="overflow-auto" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
