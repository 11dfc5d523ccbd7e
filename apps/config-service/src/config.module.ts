import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@hookbus/platform';
import type { ConfigEnv } from './config-env';

@Module({})
export class ConfigModule {
  static forRoot(env: ConfigEnv): DynamicModule {
    return { module: ConfigModule, imports: [PlatformModule.forRoot({ name: 'config-service', env })] };
  }
}
