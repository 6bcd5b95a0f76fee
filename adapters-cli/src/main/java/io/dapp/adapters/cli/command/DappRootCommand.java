package io.dapp.adapters.cli.command;

import io.dapp.adapters.cli.VersionProvider;
import picocli.CommandLine.Command;

@Command(name = "dapp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
        "Builds, pushes, pulls, cleans up and deploys container images without a",
        "docker daemon, and logs into registries transparently."},
    footer = {"",
        "Login, first match wins:",
        "  1. --registry-username with --registry-password-stdin (or --registry-password)",
        "  2. cleaning commands: user dapp-cleanup-repo,",
        "     password $DAPP_DIMG_CLEANUP_REGISTRY_PASSWORD",
        "  3. $DAPP_DOCKER_CONFIG: a docker config prepared outside dapp",
        "  4. GitLab autologin: gitlab-ci-token/$CI_JOB_TOKEN, only into $CI_REGISTRY,",
        "     never into gcr.io; off with DAPP_IGNORE_CI_DOCKER_AUTOLOGIN=1",
        "  5. the default docker config ($DOCKER_CONFIG or ~/.docker), read only",
        "Logins 1, 2 and 4 use a temporary docker config removed when the command ends.",
        "See why: dapp registry login-plan COMMAND...",
        "Commands ending in 'local' work on the local image store only: no login.",
        "",
        "Exit codes: 0 success, 1 failure, 2 bad usage or input."})
public final class DappRootCommand extends CommandGroup {}
