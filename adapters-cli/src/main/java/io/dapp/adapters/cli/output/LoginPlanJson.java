package io.dapp.adapters.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dapp.domain.login.LoginPlan;
import io.dapp.domain.login.LoginProcedure;
import io.dapp.domain.login.LoginReason;
import io.dapp.domain.model.RegistryHost;
import io.dapp.domain.network.ProxyAddress;
import io.dapp.domain.network.ProxyRoute;
import io.dapp.domain.network.ProxySettings;
import io.dapp.domain.registry.RegistryMirror;
import io.dapp.domain.registry.RegistryOptions;
import io.dapp.domain.usecase.LoginExplanation;
import io.dapp.domain.usecase.RegistryConnection;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine form of {@code dapp registry login-plan --json}; built field by field, so no secret slips in (a
 * proxy is written as {@code http://HOST:PORT}, without credentials).
 */
public final class LoginPlanJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LoginPlanJson() {}

  public static String render(LoginExplanation explanation) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("command", explanation.invocation().command().displayName());
    RegistryOptions options = explanation.invocation().registryOptions();
    ArrayNode phases = root.putArray("phases");
    for (LoginPlan plan : explanation.plans()) {
      ObjectNode phase = phases.addObject();
      phase.put("category", plan.category().displayName());
      hosts(phase.putArray("registries"), plan.targets());
      ArrayNode mirrors = phase.putArray("mirrors");
      plan.targets().stream().filter(host -> options.mirrors().stream().anyMatch(m -> m.host().equals(host)))
          .forEach(host -> mirrors.add(host.name()));
      procedure(phase.putObject("procedure"), plan.procedure());
      phase.put("decidingRule", plan.decidingRule().title());
      ArrayNode rules = phase.putArray("rules");
      for (LoginReason reason : plan.reasons()) {
        rules.addObject()
            .put("rule", reason.rule().title())
            .put("matched", reason.matched())
            .put("explanation", reason.explanation());
      }
      ArrayNode warnings = phase.putArray("warnings");
      plan.warnings().forEach(warnings::add);
    }
    network(root.putObject("network"), explanation);
    try {
      return MAPPER.writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings cannot fail to serialise", e);
    }
  }

  private static void network(ObjectNode node, LoginExplanation explanation) {
    RegistryOptions options = explanation.invocation().registryOptions();
    ArrayNode mirrors = node.putArray("mirrors");
    options.mirrors().stream().map(RegistryMirror::toString).forEach(mirrors::add);
    ProxySettings proxies = options.network().proxies();
    ObjectNode proxy = node.putObject("proxies");
    proxy.put("https", proxies.https().map(ProxyAddress::toString).orElse(null));
    proxy.put("http", proxies.http().map(ProxyAddress::toString).orElse(null));
    proxy.put("noProxy", proxies.noProxy().value());
    ObjectNode tls = node.putObject("tls");
    tls.put("certDir", options.network().tls().certDirectory().map(d -> d.path().toString()).orElse(null));
    tls.put("sslCertFile", options.network().tls().sslCertFile().map(Path::toString).orElse(null));
    ArrayNode sslCertDirs = tls.putArray("sslCertDirs");
    options.network().tls().sslCertDirectories().forEach(directory -> sslCertDirs.add(directory.toString()));
    ArrayNode connections = node.putArray("registries");
    for (RegistryConnection connection : explanation.connections()) {
      ObjectNode registry = connections.addObject();
      registry.put("host", connection.host().name());
      registry.put("mirrorOf", connection.mirrorOf().map(RegistryHost::name).orElse(null));
      route(registry.putObject("https"), connection.https());
      connection.http().ifPresent(route -> route(registry.putObject("http"), route));
      ArrayNode directories = registry.putArray("certificateDirectories");
      connection.certificateDirectories().forEach(directory -> directories.add(directory.toString()));
    }
  }

  private static void route(ObjectNode node, ProxyRoute route) {
    node.put("proxy", route.proxy().map(ProxyAddress::toString).orElse(null));
    node.put("reason", route.reason());
  }

  private static void procedure(ObjectNode node, LoginProcedure procedure) {
    if (procedure instanceof LoginProcedure.LoginByDapp login) {
      node.put("type", "login-by-dapp");
      hosts(node.putArray("hosts"), login.hosts());
      node.put("username", login.username());
      node.put("passwordSource", login.passwordSource().label());
    } else if (procedure instanceof LoginProcedure.ExternalDockerConfig external) {
      node.put("type", "external-docker-config");
      node.put("path", external.path());
    } else if (procedure instanceof LoginProcedure.NoLogin) {
      node.put("type", "none");
    } else {
      node.put("type", "default-docker-config");
      node.put("dockerAuthConfig", ((LoginProcedure.DefaultDockerConfig) procedure).dockerAuthConfig());
    }
  }

  private static void hosts(ArrayNode array, List<RegistryHost> hosts) {
    hosts.forEach(host -> array.add(host.name()));
  }
}
