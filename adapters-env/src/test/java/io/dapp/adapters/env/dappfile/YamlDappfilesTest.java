package io.dapp.adapters.env.dappfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dapp.adapters.env.SystemEnvironment;
import io.dapp.domain.dappfile.Artifact;
import io.dapp.domain.dappfile.BaseImage;
import io.dapp.domain.dappfile.Dappfile;
import io.dapp.domain.dappfile.Dimg;
import io.dapp.domain.dappfile.DockerInstructions;
import io.dapp.domain.dappfile.GitMapping;
import io.dapp.domain.dappfile.Import;
import io.dapp.domain.dappfile.Mount;
import io.dapp.domain.dappfile.ShellStages;
import io.dapp.domain.dappfile.UserStage;
import io.dapp.domain.error.InvalidInputException;
import io.dapp.domain.model.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlDappfilesTest {

  private static final String FULL = """
      dimg: backend
      from: registry.example.com/base/java:17
      git:
      - add: /src
        to: /app
        includePaths: ['**/*.rb', lib]
        excludePaths: [spec]
        owner: app
        group: 1000
      - add: /config/app.yml
        to: /etc/app.yml
      docker:
        WORKDIR: /app
        USER: app
        ENV: {LANG: C.UTF-8, PORT: 8080, EMPTY: ~}
        LABEL: {team: web}
        EXPOSE: ["8080/tcp", 9090]
        VOLUME: [/data]
        ENTRYPOINT: [/app/run]
        CMD: [--serve, 5]
      ---
      dimg: frontend
      from: scratch
      """;

  @TempDir
  Path project;

  private final YamlDappfiles dappfiles = new YamlDappfiles();

  @Test
  void readsEveryKeyOfADimg() throws Exception {
    write("dappfile.yaml", FULL);

    Dappfile dappfile = dappfiles.read(project);

    assertThat(dappfile.dimgs()).containsExactly(
        new Dimg(Optional.of("backend"),
            BaseImage.of(ImageReference.parse("registry.example.com/base/java:17"), "registry.example.com/base/java:17"),
            List.of(
                new GitMapping("/src", "/app", List.of("**/*.rb", "lib"), List.of("spec"), Optional.of("app"),
                    Optional.of("1000")),
                new GitMapping("/config/app.yml", "/etc/app.yml", List.of(), List.of(), Optional.empty(),
                    Optional.empty())),
            new DockerInstructions(Optional.of("/app"), Optional.of("app"),
                Map.of("LANG", "C.UTF-8", "PORT", "8080", "EMPTY", ""), Map.of("team", "web"),
                List.of("8080/tcp", "9090"), List.of("/data"), Optional.of(List.of("/app/run")),
                Optional.of(List.of("--serve", "5")))),
        new Dimg(Optional.of("frontend"), BaseImage.SCRATCH, List.of(), DockerInstructions.NONE));
    assertThat(dappfile.dimgs().get(0).docker().env().keySet()).containsExactly("LANG", "PORT", "EMPTY");
    assertThat(dappfile.source()).isEqualTo(project.resolve("dappfile.yaml").toString());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                              | dappfile.yaml (\\n = new line)                                                 | requested dimgs | base images
      nameless dimg                       | from: alpine:3.19                                                              |                 | docker.io/library/alpine:3.19
      nameless dimg written as ~          | dimg: ~\\nfrom: alpine                                                         |                 | docker.io/library/alpine
      all dimgs, in file order            | dimg: b\\nfrom: quay.io/b/img\\n---\\ndimg: a\\nfrom: registry.example.com:5050/a/img | | quay.io/b/img,registry.example.com:5050/a/img
      named dimg only                     | dimg: b\\nfrom: quay.io/b/img\\n---\\ndimg: a\\nfrom: registry.example.com/a/img | a              | registry.example.com/a/img
      same base image once                | dimg: a\\nfrom: alpine\\n---\\ndimg: b\\nfrom: alpine                           |                 | docker.io/library/alpine
      scratch is not an image             | dimg: a\\nfrom: scratch\\n---\\ndimg: b\\nfrom: alpine                          |                 | docker.io/library/alpine
      empty documents are skipped         | ---\\n---\\ndimg: a\\nfrom: alpine\\n---                                        |                 | docker.io/library/alpine
      digest reference                    | from: alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | | docker.io/library/alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      an imported artifact counts         | artifact: assets\\nfrom: node:20\\n---\\ndimg: a\\nfrom: alpine\\nimport:\\n- {artifact: assets, add: /dist, after: setup} |                 | docker.io/library/alpine,docker.io/library/node:20
      an unused artifact does not         | artifact: assets\\nfrom: node:20\\n---\\ndimg: a\\nfrom: alpine                |                 | docker.io/library/alpine
      artifact not for another dimg       | artifact: assets\\nfrom: node:20\\n---\\ndimg: a\\nfrom: alpine\\n---\\ndimg: b\\nfrom: debian\\nimport:\\n- {artifact: assets, add: /dist, after: setup} | a | docker.io/library/alpine
      empty file                          | ''                                                                             |                 |
      """)
  void baseImages(String description, String dappfile, String requested, String expected) throws Exception {
    write("dappfile.yaml", dappfile.replace("\\n", "\n"));

    List<ImageReference> images = dappfiles.baseImages(project, list(requested));

    assertThat(images).map(ImageReference::toString).containsExactlyElementsOf(list(expected));
  }

  @Test
  void readsDappfileYml() throws Exception {
    write("dappfile.yml", "dimg: a\nfrom: alpine\n---\ndimg: frontend\nfrom: node:20\n");

    assertThat(dappfiles.baseImages(project, List.of("frontend")))
        .containsExactly(ImageReference.parse("node:20"));
  }

  @Test
  void givenNoDappfile_read_failsNamingTheDirectory() {
    assertThatThrownBy(() -> dappfiles.read(project))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("no dappfile.yaml in " + project);
  }

  @Test
  void givenControlCharactersInKeysAndValues_read_failsInOneLine_withThemEscaped() throws IOException {
    write("dappfile.yaml", "dimg: a\nfrom: scratch\ngit:\n- add: /src\n  to: \"\\0\"\n");

    assertThatThrownBy(() -> dappfiles.read(project))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith("dappfile.yaml:4: a 'git' entry of dimg 'a': 'to' \\u0000: it must be absolute (start with /)");

    write("dappfile.yaml", "dimg: a\nfrom: scratch\n\"x\\ty\\e[31m\": 1\n");

    assertThatThrownBy(() -> dappfiles.read(project))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown key 'x\\ty\\u001b[31m'");
  }

  @Test
  void givenBothDappfiles_read_fails() throws IOException {
    write("dappfile.yaml", FULL);
    write("dappfile.yml", FULL);

    assertThatThrownBy(() -> dappfiles.read(project))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("both dappfile.yaml and dappfile.yml in " + project + ": keep one");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                  | dappfile.yaml                                 | message after the file name
      malformed YAML          | dimg: a\\n  from: [x                          | :2: malformed YAML at column 7: mapping values are not allowed here
      escape cut by the end   | dimg: a\\nfrom: "x\\u                           | : malformed YAML: an escape in double quotes (\\x, \\u or \\U) without its hex digits
      tab indentation         | dimg: a\\n\\tfrom: x                          | :2: malformed YAML at column 1: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)
      directive given twice   | dimg: a\\nfrom: alpine\\nfrom: debian         | :3: duplicate key 'from' (first at line 2)
      undefined alias as from | dimg: x\\nfrom: *nosuch                       | :2: alias '*nosuch' is not defined (define it first with '&nosuch')
      undefined alias in git  | dimg: x\\nfrom: alpine\\ngit:\\n- add: *nosuch\\n  to: /app | :4: alias '*nosuch' is not defined (define it first with '&nosuch')
      alias before its anchor | dimg: x\\nfrom: *base\\nx-base: &base alpine | :2: alias '*base' is not defined (define it first with '&base')
      anchor of another doc   | dimg: a\\nfrom: &base alpine\\n---\\ndimg: b\\nfrom: *base | :5: alias '*base' is not defined (define it first with '&base')
      alias inside its anchor | dimg: x\\nfrom: alpine\\ndocker: &d {CMD: *d} | :3: alias '*d' is used inside the value it names
      alias as a key          | dimg: x\\nfrom: &f alpine\\n*f : y            | :3: a key must be a plain name, not an alias
      merge of a string       | dimg: x\\nfrom: alpine\\ndocker: {<<: alpine}  | :3: '<<' merges a mapping or a list of mappings, not a string
      document not a mapping  | - dimg: a                                     | :1: a document must be a mapping of directives, not a list
      unknown key             | dimg: backend\\nfrom: alpine\\ngti: []         | :3: unknown key 'gti' in dimg 'backend' (known: dimg, artifact, from, git, shell, import, mount, docker)
      shell not a mapping     | dimg: a\\nfrom: alpine\\nshell: [make]      | :3: 'shell' in dimg 'a' must be a mapping of stages to commands (install: [...]), not a list
      shell unknown stage     | dimg: a\\nfrom: alpine\\nshell:\\n  instal: [make] | :4: unknown key 'instal' in 'shell' of dimg 'a' (known: beforeInstall, install, beforeSetup, setup, cacheVersion and <stage>CacheVersion)
      shell command a mapping | dimg: a\\nfrom: alpine\\nshell:\\n  install: [{a: b}] | :4: 'install' in dimg 'a' must be a list of values: an item is a mapping
      shell empty command     | dimg: a\\nfrom: alpine\\nshell:\\n  setup: ['make', ' '] | :3: 'shell' of dimg 'a': 'setup' has an empty command
      buildArtifact in a dimg | dimg: a\\nfrom: alpine\\nshell:\\n  buildArtifact: [make] | :4: 'shell.buildArtifact' in dimg 'a' is for artifacts only, not dimgs
      cacheVersion a list     | dimg: a\\nfrom: alpine\\nshell:\\n  cacheVersion: [1] | :4: 'cacheVersion' in dimg 'a' must be a string, not a list
      ansible is refused      | from: alpine\\nansible: {}                    | :2: 'ansible' in the nameless dimg is not supported: write its tasks as shell commands (shell: {beforeInstall: [...], install: [...], setup: [...]})
      import not a list       | dimg: a\\nfrom: alpine\\nimport: {artifact: x} | :3: 'import' in dimg 'a' must be a list of mappings (- artifact: assets), not a mapping
      import unknown artifact | dimg: a\\nfrom: alpine\\nimport:\\n- {artifact: x, add: /d, after: setup} | :4: dimg 'a' imports from artifact 'x', which the dappfile does not define
      import before and after | artifact: x\\nfrom: alpine\\n---\\ndimg: a\\nfrom: alpine\\nimport:\\n- {artifact: x, add: /d, before: setup, after: setup} | :7: an 'import' entry of dimg 'a' needs exactly one of 'before' and 'after' (install or setup)
      import after what       | artifact: x\\nfrom: alpine\\n---\\ndimg: a\\nfrom: alpine\\nimport:\\n- {artifact: x, add: /d, after: build} | :7: 'after' in an 'import' entry of dimg 'a' must be install or setup, not 'build'
      import add relative     | artifact: x\\nfrom: alpine\\n---\\ndimg: a\\nfrom: alpine\\nimport:\\n- {artifact: x, add: d, after: setup} | :7: an 'import' entry of dimg 'a': 'add' d: it must be absolute (start with /)
      import unknown key      | artifact: x\\nfrom: alpine\\n---\\ndimg: a\\nfrom: alpine\\nimport:\\n- {artifact: x, add: /d, after: setup, from: y} | :7: unknown key 'from' in an 'import' entry of dimg 'a' (known: artifact, add, to, includePaths, excludePaths, before, after, owner, group)
      artifacts in a cycle    | artifact: x\\nfrom: alpine\\nimport:\\n- {artifact: y, add: /d, after: setup}\\n---\\nartifact: y\\nfrom: alpine\\nimport:\\n- {artifact: x, add: /d, after: setup} | :1: artifacts import from each other in a cycle: x -> y -> x
      artifact imports itself | artifact: x\\nfrom: alpine\\nimport:\\n- {artifact: x, add: /d, after: setup} | :1: artifacts import from each other in a cycle: x -> x
      dimg named as artifact  | artifact: web\\nfrom: alpine\\n---\\ndimg: web\\nfrom: alpine | :4: dimg 'web' and artifact 'web' (lines 1 and 4) have the same name
      artifact twice          | artifact: x\\nfrom: alpine\\n---\\nartifact: x\\nfrom: alpine | :4: artifact 'x' is defined more than once (first at line 1)
      docker in an artifact   | artifact: x\\nfrom: alpine\\ndocker: {CMD: [a]} | :3: 'docker' in artifact 'x': an artifact is never run as an image, so it has no docker directives
      buildArtifact in a dimg | dimg: a\\nfrom: alpine\\nshell:\\n  buildArtifact: make | :4: 'shell.buildArtifact' in dimg 'a' is for artifacts only, not dimgs
      mount from unknown      | dimg: a\\nfrom: alpine\\nmount:\\n- {from: home_dir, to: /x} | :4: 'from' in a 'mount' entry of dimg 'a' must be build_dir or tmp_dir, not 'home_dir'
      mount fromPath not yet  | dimg: a\\nfrom: alpine\\nmount:\\n- {fromPath: /srv, to: /x} | :4: 'fromPath' in a 'mount' entry of dimg 'a' is not supported yet (use from: build_dir or tmp_dir)
      mount twice             | dimg: a\\nfrom: alpine\\nmount:\\n- {from: tmp_dir, to: /x}\\n- {from: build_dir, to: /x/} | :5: 'mount' of dimg 'a' mounts /x/ twice (first at line 4)
      mount at the root       | dimg: a\\nfrom: alpine\\nmount:\\n- {from: tmp_dir, to: /} | :4: a 'mount' entry of dimg 'a': mount 'to' must not be /
      deps of beforeInstall   | dimg: a\\nfrom: alpine\\ngit:\\n- add: /\\n  to: /app\\n  stageDependencies: {beforeInstall: x} | :6: unknown key 'beforeInstall' in 'stageDependencies' of dimg 'a' (known: install, beforeSetup, setup; the git files come after beforeInstall)
      deps climb out          | dimg: a\\nfrom: alpine\\ngit:\\n- add: /\\n  to: /app\\n  stageDependencies: {setup: [../x]} | :4: a 'git' entry of dimg 'a': glob '../x' must not contain '..'
      no from                 | dimg: a\\ndocker: {}                           | :1: dimg 'a' has no 'from': name a base image, or scratch
      from is not a string    | dimg: a\\nfrom: [alpine]                      | :2: 'from' in dimg 'a' must be an image reference or scratch, not a list
      from of nameless dimg   | from: {image: alpine}                         | :1: 'from' in the nameless dimg must be an image reference or scratch, not a mapping
      invalid reference       | dimg: a\\nfrom: Alpine:3                      | :2: 'from' in dimg 'a': invalid image reference 'Alpine:3': repository path component 'Alpine' must be lower-case letters, digits and separators . _ __ -
      dimg name not a string  | dimg: [a]\\nfrom: alpine                      | :1: 'dimg' must be a name or ~, not a list
      dimg name upper case    | dimg: Backend\\nfrom: alpine                  | :1: dimg name 'Backend' must be lower-case letters and digits, separated by '.', '_' or '-'
      duplicate dimg names    | dimg: a\\nfrom: alpine\\n---\\ndimg: a\\nfrom: debian | :4: dimg 'a' is defined more than once (first at line 1)
      two nameless dimgs      | from: alpine\\n---\\nfrom: debian             | :3: more than one dimg has no name (first at line 1)
      artifact without name   | artifact: ~\\nfrom: alpine                    | :1: an artifact needs a name
      dimg and artifact       | dimg: a\\nartifact: b\\nfrom: alpine           | :1: a document has either 'dimg' or 'artifact', not both
      git not a list          | dimg: a\\nfrom: alpine\\ngit:\\n  add: /src    | :4: 'git' in dimg 'a' must be a list of mappings (- add: /src), not a mapping
      git entry not a mapping | dimg: a\\nfrom: alpine\\ngit:\\n- /src          | :4: a 'git' entry in dimg 'a' must be a mapping, not a string
      git unknown key         | dimg: a\\nfrom: alpine\\ngit:\\n- add: /\\n  to: /app\\n  incldePaths: [x] | :6: unknown key 'incldePaths' in a 'git' entry of dimg 'a' (known: add, to, includePaths, excludePaths, owner, group, stageDependencies)
      git remote not yet      | dimg: a\\nfrom: alpine\\ngit:\\n- url: https://x/y.git | :4: 'url' in a 'git' entry of dimg 'a' is not supported yet (only the project's own repository)
      git without to          | dimg: a\\nfrom: alpine\\ngit:\\n- add: /src   | :4: a 'git' entry of dimg 'a' has no 'to'
      git add relative        | dimg: a\\nfrom: alpine\\ngit:\\n- add: src\\n  to: /app | :4: a 'git' entry of dimg 'a': 'add' src: it must be absolute (start with /)
      git to climbs out       | dimg: a\\nfrom: alpine\\ngit:\\n- add: /src\\n  to: /app/../etc | :4: a 'git' entry of dimg 'a': 'to' /app/../etc: it must not contain '..'
      git include a mapping   | dimg: a\\nfrom: alpine\\ngit:\\n- add: /\\n  to: /app\\n  includePaths: {a: b} | :6: 'includePaths' in dimg 'a' must be a list of strings, not a mapping
      git include number item | dimg: a\\nfrom: alpine\\ngit:\\n- add: /\\n  to: /app\\n  includePaths: [1] | :6: 'includePaths' in dimg 'a' must be a list of strings: an item is '1'
      git glob climbs out     | dimg: a\\nfrom: alpine\\ngit:\\n- add: /\\n  to: /app\\n  excludePaths: [../x] | :4: a 'git' entry of dimg 'a': glob '../x' must not contain '..'
      git owner not a name    | dimg: a\\nfrom: alpine\\ngit:\\n- add: /\\n  to: /app\\n  owner: [app] | :6: 'owner' in dimg 'a' must be a user or group name or a numeric id, not a list
      docker not a mapping    | dimg: a\\nfrom: alpine\\ndocker: [WORKDIR]    | :3: 'docker' in dimg 'a' must be a mapping of directives (WORKDIR, ENV...), not a list
      docker unknown key      | dimg: a\\nfrom: alpine\\ndocker:\\n  WORKDIRR: /app | :4: unknown key 'WORKDIRR' in 'docker' of dimg 'a' (known: WORKDIR, USER, ENV, LABEL, EXPOSE, VOLUME, ENTRYPOINT, CMD)
      docker not yet          | dimg: a\\nfrom: alpine\\ndocker:\\n  HEALTHCHECK: x | :4: 'docker.HEALTHCHECK' in dimg 'a' is not supported yet
      WORKDIR not a string    | dimg: a\\nfrom: alpine\\ndocker:\\n  WORKDIR: [/app] | :4: 'WORKDIR' in dimg 'a' must be a string, not a list
      WORKDIR relative        | dimg: a\\nfrom: alpine\\ndocker:\\n  WORKDIR: app | :3: 'docker' of dimg 'a': WORKDIR 'app' must be absolute
      USER not a string       | dimg: a\\nfrom: alpine\\ndocker:\\n  USER: {a: b} | :4: 'USER' in dimg 'a' must be a string, not a mapping
      ENV not a mapping       | dimg: a\\nfrom: alpine\\ndocker:\\n  ENV: [A=1]  | :4: 'ENV' in dimg 'a' must be a mapping of names to values, not a list
      ENV value a list        | dimg: a\\nfrom: alpine\\ndocker:\\n  ENV:\\n    A: [1] | :5: 'ENV.A' in dimg 'a' must be a value, not a list
      ENV bad name            | dimg: a\\nfrom: alpine\\ndocker:\\n  ENV: {A-B: 1} | :3: 'docker' of dimg 'a': ENV name 'A-B' must be letters, digits and _
      LABEL reserved          | dimg: a\\nfrom: alpine\\ndocker:\\n  LABEL: {dapp-dimg: x} | :3: 'docker' of dimg 'a': LABEL 'dapp-dimg' is set by dapp
      EXPOSE not a list       | dimg: a\\nfrom: alpine\\ndocker:\\n  EXPOSE: 8080 | :4: 'EXPOSE' in dimg 'a' must be a list of values, not '8080'
      EXPOSE bad port         | dimg: a\\nfrom: alpine\\ndocker:\\n  EXPOSE: [http] | :3: 'docker' of dimg 'a': EXPOSE 'http' must be PORT or PORT/PROTOCOL (tcp, udp or sctp)
      VOLUME relative         | dimg: a\\nfrom: alpine\\ndocker:\\n  VOLUME: [data] | :3: 'docker' of dimg 'a': VOLUME 'data' must be absolute
      ENTRYPOINT a string     | dimg: a\\nfrom: alpine\\ndocker:\\n  ENTRYPOINT: /run | :4: 'ENTRYPOINT' in dimg 'a' must be a list of values, not a string
      CMD item a mapping      | dimg: a\\nfrom: alpine\\ndocker:\\n  CMD: [{a: b}] | :4: 'CMD' in dimg 'a' must be a list of values: an item is a mapping
      """)
  void givenInvalidDappfile_read_failsWithOneLineNamingTheLine(String description, String dappfile, String message)
      throws IOException {
    Path file = write("dappfile.yaml", dappfile.replace("\\n", "\n").replace("\\t", "\t"));

    assertThatThrownBy(() -> dappfiles.read(project))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + message)
        .hasMessageNotContaining("\n");
  }

  @Test
  void readsShellStages_inOrder_withCacheVersions() throws Exception {
    write("dappfile.yaml", """
        dimg: backend
        from: alpine:3.19
        shell:
          beforeInstall:
          - apk add --no-cache nodejs npm
          install: cd /app && npm ci
          beforeSetup: []
          setup:
          - cd /app && npm run build
          - true
          cacheVersion: 2
          setupCacheVersion: "2024-01"
        """);

    ShellStages shell = dappfiles.read(project).dimgs().get(0).shell();

    assertThat(shell.commands(UserStage.BEFORE_INSTALL)).containsExactly("apk add --no-cache nodejs npm");
    assertThat(shell.commands(UserStage.INSTALL)).containsExactly("cd /app && npm ci");
    assertThat(shell.commands(UserStage.BEFORE_SETUP)).isEmpty();
    assertThat(shell.commands(UserStage.SETUP)).containsExactly("cd /app && npm run build", "true");
    assertThat(shell.commands()).doesNotContainKey(UserStage.BEFORE_SETUP);
    assertThat(shell.cacheVersion()).contains("2");
    assertThat(shell.stageCacheVersion(UserStage.SETUP)).contains("2024-01");
    assertThat(shell.stageCacheVersion(UserStage.INSTALL)).isEmpty();
  }

  @Test
  void readsArtifactsImportsStageDependenciesAndMounts() throws Exception {
    write("dappfile.yaml", """
        artifact: assets
        from: registry.myhost.com/base/node:20
        git:
        - add: /frontend
          to: /src
          stageDependencies:
            install: [package.json, package-lock.json]
            buildArtifact: '**/*'
        shell:
          install: [cd /src && npm ci]
          buildArtifact: cd /src && npm run build
        mount:
        - from: build_dir
          to: /root/.npm
        ---
        dimg: web
        from: registry.myhost.com/base/nginx:1
        import:
        - artifact: assets
          add: /src/dist
          to: /usr/share/nginx/html
          includePaths: ["**/*.js", "**/*.css", "index.html"]
          excludePaths: ["**/*.map"]
          after: setup
          owner: nginx
          group: nginx
        - {artifact: assets, add: /src/LICENSE, before: install}
        mount:
        - {from: tmp_dir, to: /tmp/build}
        """);

    Dappfile dappfile = dappfiles.read(project);

    Artifact assets = dappfile.artifact("assets");
    assertThat(assets.git().get(0).dependencies(UserStage.INSTALL)).containsExactly("package.json", "package-lock.json");
    assertThat(assets.git().get(0).dependencies(UserStage.BUILD_ARTIFACT)).containsExactly("**/*");
    assertThat(assets.shell().commands(UserStage.BUILD_ARTIFACT)).containsExactly("cd /src && npm run build");
    assertThat(assets.mounts()).containsExactly(new Mount(Mount.Kind.BUILD_DIR, "/root/.npm"));
    Dimg web = dappfile.dimgs().get(0);
    assertThat(web.imports()).hasSize(2);
    Import html = web.imports().get(0);
    assertThat(html.artifact()).isEqualTo("assets");
    assertThat(html.targetPath()).isEqualTo("usr/share/nginx/html");
    assertThat(html.includePaths()).containsExactly("**/*.js", "**/*.css", "index.html");
    assertThat(html.excludePaths()).containsExactly("**/*.map");
    assertThat(html.position()).isEqualTo(Import.Position.AFTER_SETUP);
    assertThat(html.owner()).contains("nginx");
    assertThat(html.line()).isEqualTo(19);
    assertThat(web.imports().get(1).to()).as("'to' defaults to 'add'").isEqualTo("/src/LICENSE");
    assertThat(web.imports().get(1).position()).isEqualTo(Import.Position.BEFORE_INSTALL);
    assertThat(web.mounts()).containsExactly(new Mount(Mount.Kind.TMP_DIR, "/tmp/build"));
    assertThat(dappfile.artifactsFor(List.of(web))).containsExactly(assets);
    assertThat(dappfiles.baseImages(project, List.of())).extracting(ImageReference::toString)
        .containsExactly("registry.myhost.com/base/nginx:1", "registry.myhost.com/base/node:20");
  }

  @Test
  void definedAliasesAndMergeKeys_areTheValuesTheyName() throws Exception {
    // A dappfile knows no extra top-level keys, so an anchor is set where a value is first written.
    write("dappfile.yaml", """
        dimg: backend
        from: &base registry.example.com/base/java:17
        git:
        - &source {add: /src, to: /app}
        docker: &docker
          <<: {WORKDIR: /app, ENV: {LANG: C.UTF-8}}
          WORKDIR: /srv
        ---
        dimg: frontend
        from: &base alpine
        git: [{<<: [{add: /web}, {add: /ignored, to: /www}]}]
        """);

    Dappfile dappfile = dappfiles.read(project);

    Dimg backend = dappfile.dimgs().get(0);
    assertThat(backend.from().written()).isEqualTo("registry.example.com/base/java:17");
    assertThat(backend.docker().workdir()).contains("/srv");
    assertThat(backend.docker().env()).containsEntry("LANG", "C.UTF-8");
    Dimg frontend = dappfile.dimgs().get(1);
    assertThat(frontend.from().written()).isEqualTo("alpine");
    assertThat(frontend.git()).singleElement().satisfies(git -> {
      assertThat(git.add()).isEqualTo("/web");
      assertThat(git.to()).isEqualTo("/www");
    });
  }

  @Test
  void anAliasUsedTwice_isReadAtEachPlace() throws Exception {
    write("dappfile.yaml", """
        dimg: a
        from: alpine
        docker:
          ENTRYPOINT: &run [/app/run, --port, "8080"]
          CMD: *run
        """);

    DockerInstructions docker = dappfiles.read(project).dimgs().get(0).docker();

    assertThat(docker.entrypoint()).contains(List.of("/app/run", "--port", "8080"));
    assertThat(docker.cmd()).isEqualTo(docker.entrypoint());
  }

  /**
   * "Billion laughs": nine levels of ten aliases each name 10^9 values. Nodes are shared while reading, so
   * the refusal comes at once, from a few kilobytes of text, without building anything of that size.
   */
  @Test
  void anAliasBomb_isRefusedInOneLine_quickly_andWithoutMemory() throws Exception {
    StringBuilder yaml = new StringBuilder("dimg: a\nfrom: alpine\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level <= 9; level++) {
      yaml.append("x").append(level).append(": &x").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, "*x" + (level - 1)))).append("]\n");
    }
    Path file = write("dappfile.yaml", yaml.toString());
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long started = System.nanoTime();

    assertThatThrownBy(() -> dappfiles.read(project))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file + ":")
        .hasMessageEndingWith(": the document expands to more than 100000 values (aliases that repeat aliases)")
        .hasMessageNotContaining("\n");

    long millis = (System.nanoTime() - started) / 1_000_000;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    assertThat(millis).as("milliseconds to refuse").isLessThan(2_000);
    assertThat(allocated).as("bytes allocated while refusing").isLessThan(64L << 20);
  }

  @Test
  void givenUnknownDimg_baseImages_namesTheDimgsThereAre() throws IOException {
    Path file = write("dappfile.yaml", "dimg: a\nfrom: alpine\n---\ndimg: b\nfrom: scratch\n");

    assertThatThrownBy(() -> dappfiles.baseImages(project, List.of("c")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + ": there is no dimg 'c' (dimgs: a, b)");
  }

  @Test
  void envTemplate_isReplacedByTheVariable_asTheOriginalRendersIt() throws Exception {
    write("dappfile.yaml", "# base: {{ env \"BASE\" }}\nfrom: {{ env \"BASE\" }}\ngit:\n- add: /src\n  to: '{{env \"DIR\"}}/app'\n");
    YamlDappfiles withVariables = new YamlDappfiles(
        new SystemEnvironment(Map.of("BASE", "registry.example.com:5050/base/dapp:1", "DIR", "/opt")));

    Dappfile dappfile = withVariables.read(project);

    assertThat(dappfile.dimgs().get(0).from().toString()).contains("registry.example.com:5050/base/dapp:1");
    assertThat(dappfile.dimgs().get(0).git()).extracting(GitMapping::to).containsExactly("/opt/app");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                        | dappfile.yaml (\\n = new line)         | error
      an unset variable             | dimg: a\\nfrom: {{ env "NOSUCH" }}     | dappfile.yaml:2: {{ env "NOSUCH" }}: the environment variable NOSUCH is not set
      an empty variable             | dimg: a\\nfrom: {{ env "EMPTY" }}      | dappfile.yaml:2: {{ env "EMPTY" }}: the environment variable EMPTY is not set
      another function              | from: {{ .Files.Get "x" }}           | dappfile.yaml:1: template action '{{ .Files.Get "x" }}' is not supported: the only one is {{ env "NAME" }}
      an action left open           | dimg: a\\n\\nfrom: {{ env "BASE"       | dappfile.yaml:3: a template action '{{' without its '}}' on the same line
      """)
  void templateErrors_nameTheLine(String description, String dappfile, String error) throws Exception {
    write("dappfile.yaml", dappfile.replace("\\n", "\n"));
    YamlDappfiles withVariables = new YamlDappfiles(new SystemEnvironment(Map.of("EMPTY", "", "BASE", "alpine")));

    assertThatThrownBy(() -> withVariables.read(project)).isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith(error);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(project.resolve(name), content);
  }

  private static List<String> list(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank()
        ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
  }
}
