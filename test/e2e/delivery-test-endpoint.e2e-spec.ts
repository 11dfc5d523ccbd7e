import { pollUntil } from '@hookbus/testing';
import { newTenant } from '../support/config-service';
import { DeliveryHarness } from '../support/delivery-harness';

describe('POST /v1/subscriptions/:id/test (config-service → retry topic → delivery-service → log)', () => {
  let harness: DeliveryHarness;

  beforeAll(async () => {
    harness = await DeliveryHarness.start('delivery-test');
  });

  afterAll(() => harness?.stop());

  it('delivers a sample event to that subscription only and shows the attempt in the delivery log', async () => {
    const target = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/target` });
    await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/bystander` });

    const response = await harness.client.post(`/v1/subscriptions/${target.id}/test`);
    expect(response).toMatchObject({ status: 202, body: { deliveryId: expect.stringMatching(/^dlv_/), eventId: expect.stringMatching(/^test_/) } });

    const [request] = await pollUntil('the receiver got the test delivery', () => harness.receiver.at('/target').length > 0 && harness.receiver.at('/target'));
    expect(request.headers['webhook-id']).toBe(response.body.deliveryId);
    expect(request.body).toBe('{"companyId":1,"orderId":1}');
    const logged = await pollUntil('the attempt is in the delivery log', async () => {
      const delivery = await harness.client.get(`/v1/deliveries/${response.body.deliveryId}`);
      return delivery.status === 200 && delivery.body;
    });
    expect(logged).toMatchObject({ status: 'delivered', subscriptionId: target.id, attempts: [expect.objectContaining({ n: 1, outcome: 'delivered' })] });
    expect(harness.receiver.at('/bystander')).toEqual([]);
  });

  it("answers 404 for another tenant's subscription and sends nothing", async () => {
    const target = await harness.subscribe({ plugin: 'komet', hook: 'order-cancellation', url: `${harness.receiver.url}/private` });
    const other = await newTenant(harness.config);
    expect((await other.client.post(`/v1/subscriptions/${target.id}/test`)).status).toBe(404);
    expect(harness.receiver.at('/private')).toEqual([]);
  });
});
