package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.VersionProvider;
import picocli.CommandLine.Command;

@Command(name = "dapp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
        "Builds, pushes, pulls, cleans up and deploys container images without a docker daemon,",
        "and logs into registries transparently: see `dapp registry login-plan --help`."},
    subcommands = {DimgGroup.class, KubeGroup.class, RegistryGroup.class},
    footer = {"",
        "Login: --registry-username with --registry-password-stdin; else $DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD",
        "for cleaning; else $DAPP_DOCKER_CONFIG; else GitLab autologin (gitlab-ci-token/$CI_JOB_TOKEN, only",
        "into $CI_REGISTRY, off with DAPP_IGNORE_CI_DOCKER_AUTOLOGIN=1); else the default docker config.",
        "Exit codes: 0 success, 1 failure, 2 bad usage or input."})
public final class DappRootCommand extends CommandGroup {}
