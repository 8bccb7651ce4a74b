# The login-insights images. `docker compose up -d` builds them (docker-compose.yml), on a machine with nothing
# but Docker: Java and Maven run inside the build stage.
#
#   job        flink:2.2.1-java17 plus the cluster jar (/opt/login-insights/login-insights.jar) and the scripts that
#              submit, stop and resume it (/opt/login-insights/bin). Compose's job-submitter runs it; it is also a
#              complete Flink image, so the same image can serve as JobManager and TaskManager elsewhere.
#   generator  a Java 17 runtime with our data generator (compose profile our-generator).
#
# Where the jars come from (build argument JARS_FROM, set from the environment by docker-compose.yml):
#   docker (default)  built here, in the build stage, by scripts/build-cluster-jar: the script CI runs too;
#   host              taken from job/target and tools/target as built on this machine (./mvnw package):
#                     JARS_FROM=host docker compose up -d --build
#
# Every base image is pinned to an exact tag. Digests are not pinned: no registry could be reached where this
# file was written to read them (`docker images --digests` shows them once pulled).

ARG JARS_FROM=docker

# -- The jars, built with the Maven wrapper inside a JDK 17 image --------------------------------------------------
# Not the maven image: it sets MAVEN_CONFIG, which ./mvnw would pass to Maven as a goal. The wrapper brings the
# Maven version the project pins (.mvn/wrapper/maven-wrapper.properties).
FROM eclipse-temurin:17.0.13_11-jdk-noble AS build
# ./mvnw checks Maven's download against the checksum of its .zip; without unzip it fetches the .tar.gz instead,
# which fails that check.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends unzip \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The build's description first and the sources last, so that a code change reuses the layer below, which holds
# Maven, the plugins and the dependencies, instead of downloading them again. That layer runs the same build on
# the poms alone (empty jars, thrown away by the real build's clean): unlike dependency:go-offline, it fetches
# exactly what the real build needs (checked: the real build then succeeds offline).
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY common/pom.xml common/pom.xml
COPY job/pom.xml job/pom.xml
# Every module's pom, built or not: Maven reads them all.
COPY bench-sql/pom.xml bench-sql/pom.xml
COPY tools/pom.xml tools/pom.xml
COPY cluster/pom.xml cluster/pom.xml
# chmod: a checkout that lost the executable bits (Windows) must build too.
RUN chmod +x mvnw && ./mvnw -B -ntp -q clean package -DskipTests -pl common,job,tools
COPY common/src common/src
COPY job/src job/src
COPY tools/src tools/src
COPY scripts/build-cluster-jar scripts/build-cluster-jar
RUN chmod +x scripts/build-cluster-jar && scripts/build-cluster-jar

FROM build AS jars-from-docker

# -- Or the jars built on the host ----------------------------------------------------------------------------------
FROM scratch AS jars-from-host
# "ja[r]" and the extra pom.xml let these lines pass when the jars were never built: the classic builder (unlike
# BuildKit) runs this stage even when JARS_FROM=docker. With JARS_FROM=host and no jar, the job stage's COPY fails
# and names the missing file.
COPY pom.xml job/target/login-insights.ja[r] /src/job/target/
COPY pom.xml tools/target/login-insights-tools.ja[r] /src/tools/target/

FROM jars-from-${JARS_FROM} AS jars

# -- The job image ---------------------------------------------------------------------------------------------------
FROM flink:2.2.1-java17 AS job
COPY --from=jars /src/job/target/login-insights.jar /opt/login-insights/login-insights.jar
COPY scripts/deploy-job.sh scripts/submit-job.sh scripts/stop-with-savepoint.sh scripts/resume-from-savepoint.sh \
     /opt/login-insights/bin/
# The image's own entrypoint and commands (jobmanager, taskmanager) are kept.

# -- Our data generator ----------------------------------------------------------------------------------------------
FROM eclipse-temurin:17.0.13_11-jre-noble AS generator
COPY --from=jars /src/tools/target/login-insights-tools.jar /opt/login-insights/login-insights-tools.jar
USER nobody
ENTRYPOINT ["java", "-cp", "/opt/login-insights/login-insights-tools.jar", "com.logininsights.tools.generator.LoginEventGenerator"]
CMD ["--help"]
