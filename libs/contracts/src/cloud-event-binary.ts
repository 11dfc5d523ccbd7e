/** Header prefixes of CloudEvents binary mode: `ce-` in the HTTP binding, `ce_` in the Kafka binding. */
export type BinaryModePrefix = 'ce-' | 'ce_';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Rebuilds the structured form of a binary-mode event (attributes in headers, data as the body),
 * or returns undefined when the headers carry no `specversion`, i.e. the message is structured.
 */
export function fromBinaryMode(headers: Headers, data: unknown, prefix: BinaryModePrefix): Record<string, unknown> | undefined {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith(prefix) || value === undefined) continue;
    attributes[lower.slice(prefix.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  if (attributes.specversion === undefined) return undefined;
  const contentType = headers['content-type'];
  return { ...attributes, ...(contentType ? { datacontenttype: String(contentType) } : {}), data };
}
