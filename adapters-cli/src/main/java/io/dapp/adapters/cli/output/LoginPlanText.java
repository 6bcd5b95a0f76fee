package io.dapp.adapters.cli.output;

import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.login.LoginProcedure;
import io.dapp.domain.login.LoginReason;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.TlsSettings;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.usecase.LoginExplanation;
import io.dapp.domain.usecase.RegistryConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The human form of {@code dapp registry login-plan}. Plans hold no secrets, so neither does this. */
public final class LoginPlanText {

  private LoginPlanText() {}

  public static String render(LoginExplanation explanation) {
    StringBuilder text = new StringBuilder();
    text.append("command: dapp ").append(explanation.invocation().command().displayName()).append('\n');
    RegistryOptions options = explanation.invocation().registryOptions();
    for (LoginPlan plan : explanation.plans()) {
      text.append('\n').append(plan.category().displayName()).append(" phase\n");
      row(text, "registries", plan.targets().isEmpty() ? "(none)" : hosts(plan.targets(), options));
      describe(text, plan.procedure());
      text.append("  rules (first match wins):\n");
      int number = 1;
      for (LoginReason reason : plan.reasons()) {
        text.append(String.format("    %d. %-26s %-8s %s%n", number++, reason.rule().title(),
            reason.matched() ? "MATCHED" : "skipped", reason.explanation()));
      }
      plan.warnings().forEach(warning -> text.append("  warning: ").append(warning).append('\n'));
    }
    network(text, explanation);
    return text.toString();
  }

  /** How each registry is reached: mirrors, proxies, the certs.d directories of its TLS files. */
  private static void network(StringBuilder text, LoginExplanation explanation) {
    List<RegistryConnection> connections = explanation.connections();
    if (connections.isEmpty()) {
      return;
    }
    RegistryOptions options = explanation.invocation().registryOptions();
    text.append("\nnetwork\n");
    if (!options.mirrors().isEmpty()) {
      row(text, "mirrors", options.mirrors().stream().map(RegistryMirror::toString).collect(Collectors.joining(", "))
          + ", then docker.io, for base images from docker.io");
    }
    row(text, "proxies", options.network().proxies().describe());
    TlsSettings tls = options.network().tls();
    List<String> roots = new ArrayList<>();
    tls.sslCertFile().ifPresent(file -> roots.add("$SSL_CERT_FILE " + file));
    tls.sslCertDirectories().forEach(directory -> roots.add("$SSL_CERT_DIR " + directory));
    row(text, "TLS roots", "the JVM's" + (roots.isEmpty() ? "" : ", " + String.join(", ", roots))
        + "; per registry, the *.crt of its certs.d directories" + tls.certDirectory()
        .map(directory -> " in " + directory.path() + " (" + directory.source() + ")").orElse(""));
    for (RegistryConnection connection : connections) {
      text.append("  ").append(connection.host())
          .append(connection.mirrorOf().map(hub -> " (a mirror of " + hub + ")").orElse("")).append('\n');
      text.append("    https:      ").append(connection.https()).append('\n');
      connection.http().ifPresent(route -> text.append("    plain http: ").append(route).append('\n'));
      text.append("    certs.d:    ").append(connection.certificateDirectories().stream().map(Path::toString)
          .collect(Collectors.joining(", "))).append('\n');
    }
  }

  private static void describe(StringBuilder text, LoginProcedure procedure) {
    if (procedure instanceof LoginProcedure.LoginByDapp login) {
      row(text, "procedure", "login by dapp: a temporary docker config, removed when the command ends");
      row(text, "logs into", login.hosts().isEmpty() ? "(no registry)" : hosts(login.hosts(), null));
      row(text, "user", login.username());
      row(text, "password", "from " + login.passwordSource().label());
    } else if (procedure instanceof LoginProcedure.ExternalDockerConfig external) {
      row(text, "procedure", "external docker config: dapp performs no login");
      row(text, "config", external.path());
    } else if (procedure instanceof LoginProcedure.NoLogin) {
      row(text, "procedure", "none: the command talks to no registry (no login, no docker config)");
    } else if (procedure instanceof LoginProcedure.DefaultDockerConfig defaults && defaults.dockerAuthConfig()) {
      row(text, "procedure", "no login: the default docker config ($DOCKER_CONFIG or ~/.docker), read only, then "
          + "the auths of $DOCKER_AUTH_CONFIG, read in memory");
    } else {
      row(text, "procedure", "no login: the default docker config ($DOCKER_CONFIG or ~/.docker), read only");
    }
  }

  private static void row(StringBuilder text, String label, String value) {
    text.append(String.format("  %-11s %s%n", label + ":", value));
  }

  /** The hosts; with options, a mirror says so. */
  private static String hosts(List<RegistryHost> hosts, RegistryOptions options) {
    return hosts.stream().map(host -> host.name() + (options != null && options.mirrors().stream()
            .anyMatch(mirror -> mirror.host().equals(host)) ? " (mirror of docker.io)" : ""))
        .collect(Collectors.joining(", "));
  }
}
