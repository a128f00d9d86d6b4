package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** Guards the ~20x convolution speed-up: fails if the oneDNN path is lost (see NativeRuntime). */
class NativeRuntimeTest {

    @Test
    void shouldRunTheOnednnBuildWithLayerHelpersEnabled() {
        assertThat(System.getProperty(NativeRuntime.PLATFORM_EXTENSION)).isEqualTo("-onednn");
        assertThat(NativeRuntime.fastPathActive()).isTrue();
    }

    @Test
    void shouldGiveEveryConvolutionOfTheSeedCnnTheOnednnHelper() {
        MultiLayerNetwork network = seedCnn();
        long convolutions = 0;
        for (var layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer convolution) {
                assertThat(convolution.getHelper()).isInstanceOf(MKLDNNConvHelper.class);
                convolutions++;
            }
        }
        assertThat(convolutions).isEqualTo(7);
    }

    @Test
    void shouldBuildThePlainIm2colPathOnlyWhenAskedForABaseline() {
        MultiLayerNetwork baseline = NativeRuntime.withoutLayerHelpers(NativeRuntimeTest::seedCnn);
        assertThat(((ConvolutionLayer) baseline.getLayer(0)).getHelper()).isNull();
        assertThat(((ConvolutionLayer) seedCnn().getLayer(0)).getHelper()).isNotNull();
    }

    private static MultiLayerNetwork seedCnn() {
        MultiLayerNetwork network = new MultiLayerNetwork(SeedCnnDesign.configuration(1));
        network.init();
        return network;
    }

    @Test
    void shouldBoundOffHeapMemoryUnlessTheOperatorSetALimit() {
        assertThat(System.getProperty(NativeRuntime.MAX_BYTES)).isNotBlank();
        assertThat(NativeRuntime.parseBytes("1g")).isEqualTo(1L << 30);
        assertThat(NativeRuntime.parseBytes("512M")).isEqualTo(512L << 20);
        assertThat(NativeRuntime.parseBytes("4096")).isEqualTo(4096);
        assertThat(NativeRuntime.parseBytes("50%")).isEqualTo(Runtime.getRuntime().maxMemory() / 2);
    }
}
