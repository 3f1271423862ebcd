package dev.snet.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExclusiveTest {
    @Test
    void aSecondEntryFailsUntilTheFirstLeaves() {
        Exclusive e = new Exclusive("this Model");
        e.enter();
        IllegalStateException second = assertThrows(IllegalStateException.class, e::enter);
        assertTrue(second.getMessage().startsWith("this Model is not thread-safe"), second.getMessage());
        e.exit();
        e.enter();
        e.exit();
    }
}
