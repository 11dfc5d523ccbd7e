import { type ConsumedMessage, quarantineMessage } from '@hookbus/kafka';
import { describeQuarantined, originalMessage, parseSource, PREVIEW_CHARS, REPLAYED_FROM_HEADER } from './quarantined-message';

const original: ConsumedMessage = {
  topic: 'hookbus.events.v1',
  partition: 5,
  offset: '41',
  key: 'ord_1',
  value: Buffer.from('x'.repeat(PREVIEW_CHARS + 50)),
  headers: { 'ce-id': 'evt_1' },
  timestamp: '0',
};

/** The quarantined copy as a reader of the quarantine topic gets it, at partition 2 offset 9. */
function onQuarantineTopic(): ConsumedMessage {
  const quarantined = quarantineMessage(original, { reason: 'MalformedMessageError: bad', groupId: 'g', attempts: 3, at: new Date('2026-01-02T03:04:05Z') });
  return { ...original, topic: 'hookbus.events.quarantine.v1', partition: 2, offset: '9', headers: quarantined.headers ?? {} };
}

describe('quarantined messages', () => {
  it('reads the source header back, dots and all, and refuses what is not `<topic>/<partition>/<offset>`', () => {
    expect(parseSource('hookbus.events.v1/5/41')).toEqual({ topic: 'hookbus.events.v1', partition: 5, offset: '41' });
    expect(parseSource('hookbus.events.v1/5')).toBeUndefined();
    expect(parseSource(undefined)).toBeUndefined();
  });

  it('describes one with its id, source, reason and a preview cut short', () => {
    expect(describeQuarantined(onQuarantineTopic())).toEqual({
      id: '2:9',
      source: { topic: 'hookbus.events.v1', partition: 5, offset: '41' },
      key: 'ord_1',
      reason: 'MalformedMessageError: bad',
      group: 'g',
      attempts: 3,
      quarantinedAt: '2026-01-02T03:04:05.000Z',
      size: PREVIEW_CHARS + 50,
      preview: 'x'.repeat(PREVIEW_CHARS),
    });
  });

  it('gives back the original key, bytes and headers, without the quarantine headers, marked with its quarantine id', () => {
    const replayed = originalMessage(onQuarantineTopic());

    expect(replayed).toEqual({ key: 'ord_1', value: original.value, headers: { 'ce-id': 'evt_1', [REPLAYED_FROM_HEADER]: '2:9' } });
  });
});
