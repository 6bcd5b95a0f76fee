package io.dapp.adapters.env.rootfs;

class CopyRootFilesystemContractTest extends RootFilesystemContract {

  @Override
  protected LocalRootFilesystems filesystems() {
    return new LocalRootFilesystems(LocalRootFilesystems.Choice.COPY);
  }
}
