package io.denoiser.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class BuildVersionTest {

    @Test
    void shouldBeThePomsProjectVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String projectVersion = XPathFactory.newInstance().newXPath().evaluate("/project/version", pom);

        assertThat(projectVersion).isNotBlank();
        assertThat(BuildVersion.current()).isEqualTo(projectVersion);
    }
}
