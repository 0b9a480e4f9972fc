# Builds the Tuneboard jar with Maven and runs it on a JRE. Untested here: these machines run no Docker engine.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY src src
COPY web web
RUN mvn -q -B package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/tuneboard.jar /app/tuneboard.jar
COPY --from=build /src/target/lib /app/lib
COPY data /app/data
COPY experiments /app/experiments
# One ND4J/BLAS thread per trial (the launcher would set these too).
ENV OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE TUNEBOARD_CHILD=1
ENTRYPOINT ["java", "-jar", "/app/tuneboard.jar"]
CMD ["--help"]
