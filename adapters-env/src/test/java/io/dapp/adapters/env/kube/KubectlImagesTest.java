package io.dapp.adapters.env.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.adapters.env.process.SystemProcessRunner;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.error.OperationFailedException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlImagesTest {

  @TempDir
  Path root;

  private KubectlImages images(Path bin) {
    return new KubectlImages(new SystemEnvironment(Map.of("PATH", bin.toString())), new SystemProcessRunner());
  }

  @Test
  void collectsEveryImageAndImageId_fromAllWorkloadKindsInAllNamespaces() throws Exception {
    FakeKubectl kubectl = new FakeKubectl(root.resolve("bin")).answering("""
        {"kind":"List","items":[
          {"kind":"Pod","spec":{"initContainers":[{"image":"reg.example.com/app/init:1"}],
            "containers":[{"image":"reg.example.com/app/backend:master"}]},
           "status":{"containerStatuses":[{"imageID":"docker-pullable://reg.example.com/app/backend@sha256:abc"}]}},
          {"kind":"CronJob","spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[
            {"image":"reg.example.com/app/cron:v1"}]}}}}}}
        ]}""", 0, "");

    assertThat(images(kubectl.bin()).inUse()).containsExactlyInAnyOrder("reg.example.com/app/init:1",
        "reg.example.com/app/backend:master", "docker-pullable://reg.example.com/app/backend@sha256:abc",
        "reg.example.com/app/cron:v1");
    assertThat(kubectl.calls()).containsExactly(
        "get pods,deployments,replicasets,statefulsets,daemonsets,jobs,cronjobs --all-namespaces -o json");
  }

  @Test
  void withoutKubectl_theErrorIsBadInput_namingWithoutKube() {
    assertThatThrownBy(() -> images(root.resolve("empty")).inUse())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("kubectl is not on PATH")
        .hasMessageContaining("--without-kube");
  }

  @Test
  void aFailingKubectl_isAFailure_withItsFirstErrorLine() throws Exception {
    FakeKubectl kubectl = new FakeKubectl(root.resolve("bin"))
        .answering("", 1, "The connection to the server localhost:8080 was refused");

    assertThatThrownBy(() -> images(kubectl.bin()).inUse())
        .isInstanceOf(OperationFailedException.class)
        .hasMessage("kubectl get failed (exit status 1): The connection to the server localhost:8080 was refused;"
            + " pass --without-kube to clean up without asking Kubernetes");
  }

  @Test
  void outputThatIsNotJson_isAFailure() throws Exception {
    FakeKubectl kubectl = new FakeKubectl(root.resolve("bin")).answering("No resources found", 0, "");

    assertThatThrownBy(() -> images(kubectl.bin()).inUse())
        .isInstanceOf(OperationFailedException.class).hasMessageContaining("other than JSON");
  }
}
