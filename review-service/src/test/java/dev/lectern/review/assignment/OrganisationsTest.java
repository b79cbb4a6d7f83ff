package dev.lectern.review.assignment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class OrganisationsTest {

    @Test
    void legalFormsCaseSpacingAndPunctuationDoNotMakeADifferentOrganisation() {
        String key = Organisations.key("example tech");
        for (String variant : List.of("Example Tech Co., Ltd.", "EXAMPLE TECH, INC.", "Example  Tech Inc",
                "Example Tech LLC", "Example-Tech GmbH", "Example Tech Corporation", "Example Tech Corp.",
                "Ｅｘａｍｐｌｅ Ｔｅｃｈ Ｌｔｄ．", "exampletech")) {
            assertEquals(key, Organisations.key(variant), variant);
        }
    }

    @Test
    void chineseCompanySuffixesAreDroppedButUniversityIsKept() {
        assertEquals("示例科技", Organisations.key("示例科技有限公司"));
        assertEquals("示例科技", Organisations.key("示例科技股份有限公司"));
        assertEquals("示例科技", Organisations.key("示例科技 有限公司"));
        assertEquals("示例科技", Organisations.key("示例科技公司"));
        assertEquals("示例大学", Organisations.key("示例大学"));
        assertNotEquals(Organisations.key("示例"), Organisations.key("示例大学"));
    }

    @Test
    void aNameThatIsOnlyASuffixIsNotEmptied() {
        assertEquals("co", Organisations.key("Co."));
        assertEquals("公司", Organisations.key("公司"));
        assertEquals("", Organisations.key("  "));
        assertEquals("", Organisations.key(null));
    }
}
