import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import type { AcceptedEvent } from './accepted-events';
import type { ApiKeyView } from './auth/api-key-view';
import type { EventPublisher } from './event-publisher';
import { EventsFastLane } from './events-fast-lane';

const KEY = 'hbk_key_0000000000000001.secret';
const event = { specversion: '1.0', id: 'evt-1', source: 'urn:shop', type: 'order.completed', time: '2026-11-22T10:00:00Z', subject: 'order-1', data: { note: 'ok' } };

/** A server with the lane in front of a stand-in for Express that echoes the body it reads. */
async function laneServer(publish: (events: readonly AcceptedEvent[]) => Promise<void>) {
  const keys = { isCaughtUp: true, check: (token?: string) => (token === KEY ? { ok: true, producer: { keyId: 'key', tenantId: 'tnt_a' } } : { ok: false, reason: 'unknown' }) };
  const passedOn: string[] = [];
  const express = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      passedOn.push(Buffer.concat(chunks).toString());
      response.writeHead(299).end();
    });
  };
  const server: Server = createServer(express);
  const lane = new EventsFastLane(keys as unknown as ApiKeyView, { publish } as unknown as EventPublisher, { httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost, 1024 * 1024);
  lane.onApplicationBootstrap();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/events`;
  const post = (body: string, authorization = `Bearer ${KEY}`) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/cloudevents+json', authorization }, body });
  const close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  };
  return { post, passedOn, close };
}

describe('EventsFastLane', () => {
  afterEach(() => jest.restoreAllMocks());

  it("answers 202 with the event's id only once the publish resolved, the tenant filled in", async () => {
    let stored!: () => void;
    let publishing!: (events: readonly AcceptedEvent[]) => void;
    const published = new Promise<readonly AcceptedEvent[]>((resolve) => (publishing = resolve));
    const lane = await laneServer((events) => {
      publishing(events);
      return new Promise((resolve) => (stored = resolve));
    });
    try {
      let answered = false;
      const response = lane.post(JSON.stringify(event)).then((answer) => ((answered = true), answer));
      expect((await published)[0].event).toMatchObject({ id: 'evt-1', tenantid: 'tnt_a' });
      expect(answered).toBe(false);
      stored();
      const answer = await response;
      expect(answer.status).toBe(202);
      expect(await answer.json()).toEqual({ ids: ['evt-1'] });
      expect(lane.passedOn).toEqual([]);
    } finally {
      await lane.close();
    }
  });

  it('answers 500 as a problem, logging the cause, when the publish fails', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const lane = await laneServer(() => Promise.reject(new Error('broker down')));
    try {
      const answer = await lane.post(JSON.stringify(event));
      expect(answer.status).toBe(500);
      expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(await answer.json()).toEqual({ type: 'about:blank', status: 500, title: 'Internal Server Error' });
      expect(logged).toHaveBeenCalledWith(new Error('broker down'));
    } finally {
      await lane.close();
    }
  });

  it('passes on, with its body as it came, what it refuses once read and what it cannot take before', async () => {
    const lane = await laneServer(() => Promise.resolve());
    try {
      const bodies = ['{"specversion": "1.0",', JSON.stringify({ ...event, tenantid: 'tnt_b' }), '  "a string"'];
      for (const body of bodies) expect((await lane.post(body)).status).toBe(299);
      expect((await lane.post(JSON.stringify(event), 'Bearer hbk_unknown')).status).toBe(299);
      expect(lane.passedOn).toEqual([...bodies, JSON.stringify(event)]);
    } finally {
      await lane.close();
    }
  });
});
