-- Statements that are not valid T-SQL either, mistakes as people make them:
-- each must be a syntax error (E0001), with a help only where it is the likely
-- reading. One statement per line.
SELECT TOP 10 ClientID, LastName, FROM cmClient
SELECT TOP 10 ClientID LastName FirstName FROM cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID IN (1 2 3)
SELECT TOP 10 ClientID FROM cmClient WHERE LastName = "Smith"
SELECT TOP 10 Order FROM cmClient
SELECT TOP 10 ClientID FROM Order
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID = @
SELECT TOP 10 ClientID FROM cmClient c WHERE c.ClientID = 1 AND (c.ActiveStatus = 1
SELECT TOP 10 ClientID FROM cmClient WHERE LastName = 'O'Brien'
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID == 1
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID = 1 AND
SELECT TOP 10 ClientID FROM cmClient ORDER BY
SELECT TOP 10 ClientID FROM
SELECT TOP 10 ClientID FROM cmClient JOIN
SELECT TOP 10 ClientID, FROM cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE LastName LIKE 'Sm%
SELECT TOP 10 [ClientID FROM cmClient
SELECT TOP 10 ClientID FROM cmClient /* unclosed
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID IN (1, 2
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID = :
SELECT TOP 10 Percent FROM cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE Left = 1
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID BETWEEN 1
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID IS 5
SELCT TOP 10 ClientID FROM cmClient
SELECT TOP 10 ClientID FORM cmClient
SELECT TOP 10 ClientID FROM cmClient WHER ClientID = 1
SELECT TOP ClientID FROM cmClient
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID = 1)
