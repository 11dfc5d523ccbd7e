import { z } from 'zod';

/** `GET /v1/system` answer, for the OpenAPI document (the console's client is generated from it). */
export const systemResponse = z.object({
  services: z.array(
    z.object({
      name: z.string(),
      url: z.string(),
      ready: z.boolean().describe('GET <url>/health/ready answered 2xx within 2 s'),
      status: z.int().optional().describe('the HTTP status it answered'),
      error: z.string().optional().describe('why it did not answer'),
    }),
  ),
  consumerGroups: z.array(
    z.object({
      groupId: z.string(),
      topics: z.array(z.object({ topic: z.string(), lag: z.int().min(0).describe('messages not yet committed, summed over partitions') })),
    }),
  ),
  quarantine: z.array(z.object({ topic: z.string(), messages: z.int().min(0).describe('messages retention still holds') })),
  kafkaError: z.string().optional().describe('set when Kafka did not answer: consumerGroups and quarantine are then empty'),
});
