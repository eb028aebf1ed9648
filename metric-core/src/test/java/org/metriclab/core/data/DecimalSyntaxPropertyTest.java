package org.metriclab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written decimal check agrees with the grammar written as a regular expression, on generated tokens. */
class DecimalSyntaxPropertyTest {
    private static final Pattern GRAMMAR = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("0123456789.+-eEdfxpNaInity_ ").ofMinLength(0).ofMaxLength(8);
    }

    @Property(tries = 3000)
    void acceptsExactlyThePlainDecimals(@ForAll("tokens") String token) {
        boolean plain = GRAMMAR.matcher(token).matches();
        assertEquals(plain, CsvReader.isDecimal(token), token);
        if (plain) {
            Double.parseDouble(token);
        }
    }
}
