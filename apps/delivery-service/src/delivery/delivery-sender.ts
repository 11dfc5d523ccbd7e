import type { OnApplicationShutdown } from '@nestjs/common';
import { HttpSender } from '@hookbus/delivery-transport';

/** The process's one HTTP sender (pooled keep-alive connections), closed with the application. */
export class DeliverySender extends HttpSender implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
