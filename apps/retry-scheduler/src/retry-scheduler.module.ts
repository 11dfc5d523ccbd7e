import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@hookbus/platform';
import type { RetrySchedulerEnv } from './retry-scheduler-env';

@Module({})
export class RetrySchedulerModule {
  static forRoot(env: RetrySchedulerEnv): DynamicModule {
    return { module: RetrySchedulerModule, imports: [PlatformModule.forRoot({ name: 'retry-scheduler', env })] };
  }
}
