import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@hookbus/platform';
import type { NotifierEnv } from './notifier-env';

@Module({})
export class NotifierModule {
  static forRoot(env: NotifierEnv): DynamicModule {
    return { module: NotifierModule, imports: [PlatformModule.forRoot({ name: 'notifier-service', env })] };
  }
}
