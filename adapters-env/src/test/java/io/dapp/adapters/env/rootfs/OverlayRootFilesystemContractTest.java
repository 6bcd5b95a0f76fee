package io.dapp.adapters.env.rootfs;

class OverlayRootFilesystemContractTest extends RootFilesystemContract {

  @Override
  protected LocalRootFilesystems filesystems() {
    return new LocalRootFilesystems(LocalRootFilesystems.Choice.OVERLAY);
  }
}
