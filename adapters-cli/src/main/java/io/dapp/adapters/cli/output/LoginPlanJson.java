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
import io.dapp.domain.usecase.CommandInvocation;
import java.util.List;

/** The machine form of {@code dapp registry login-plan --json}; built field by field, so no secret slips in. */
public final class LoginPlanJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LoginPlanJson() {}

  public static String render(CommandInvocation invocation, List<LoginPlan> plans) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("command", invocation.command().displayName());
    ArrayNode phases = root.putArray("phases");
    for (LoginPlan plan : plans) {
      ObjectNode phase = phases.addObject();
      phase.put("category", plan.category().displayName());
      hosts(phase.putArray("registries"), plan.targets());
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
    try {
      return MAPPER.writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings cannot fail to serialise", e);
    }
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
    }
  }

  private static void hosts(ArrayNode array, List<RegistryHost> hosts) {
    hosts.forEach(host -> array.add(host.name()));
  }
}
