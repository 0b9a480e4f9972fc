# Tuneboard on a JRE. Build the jar first, outside the image: `mvn -B package -DskipTests` (target/tuneboard.jar
# and its dependencies in target/lib); the image takes those, the MNIST files and the example specs.
# JRE_IMAGE: any Java 17 runtime with bash; docker/debian.yml swaps in one built from Debian packages.
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}
WORKDIR /app
COPY target/lib /app/lib
COPY target/tuneboard.jar /app/tuneboard.jar
COPY data /app/data
COPY experiments /app/experiments
# One ND4J/BLAS thread per trial, set here rather than by the launcher's re-executed child JVM: the
# container's main process is then the training JVM itself, so `docker stop` (SIGTERM) reaches it directly.
ENV OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE TUNEBOARD_CHILD=1 LANG=C.UTF-8
ENTRYPOINT ["java", "-jar", "/app/tuneboard.jar"]
CMD ["--help"]
