package io.dapp.app;

import dagger.Module;

/** The Registry v2 adapter; its bindings arrive with the registry client. */
@Module
interface RegistryAdapterModule {}
