import { accountsModule } from './accounts/module.js';
import { declarationsModule } from './declarations/module.js';
import type { AppModule } from './http/module.js';
import { registryModule } from './registry/module.js';

/** Every domain module, mounted in this order; add yours here. */
export const modules: AppModule[] = [accountsModule, registryModule, declarationsModule];
