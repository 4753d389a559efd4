-- T-SQL beyond one table and one join: several joins, CTEs, set operators,
-- grouping, PIVOT, nested subqueries. CRQL runs none of these; what matters is
-- that each gets a named rule rather than a bare syntax error, and no wrong help.
SELECT TOP 10 c.ClientID, e.EnrollID, a.CaseMgrID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID JOIN cmCaseAssign a ON a.EnrollID = e.EnrollID
SELECT TOP 10 c.ClientID, e.EnrollID, u.UserName FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID LEFT JOIN cmCaseAssign a ON a.EnrollID = e.EnrollID LEFT JOIN osUsers u ON u.UserID = a.CaseMgrID
SELECT TOP 10 c.ClientID FROM cmClient c, Enrollment e, cmCaseAssign a WHERE e.ClientID = c.ClientID AND a.EnrollID = e.EnrollID
SELECT TOP 10 c.ClientID FROM cmClient c WITH (NOLOCK) JOIN Enrollment e WITH (NOLOCK) ON e.ClientID = c.ClientID JOIN cmCaseAssign a WITH (NOLOCK) ON a.ClientID = c.ClientID
SELECT TOP 10 c.ClientID, x.EnrollID, y.UserName FROM cmClient c CROSS APPLY (SELECT TOP 1 EnrollID FROM Enrollment WHERE ClientID = c.ClientID) x OUTER APPLY (SELECT TOP 1 UserName FROM osUsers) y
SELECT ClientID FROM cmClient UNION SELECT ClientID FROM Enrollment
SELECT ClientID FROM cmClient UNION ALL SELECT ClientID FROM Enrollment ORDER BY ClientID
SELECT ClientID FROM cmClient EXCEPT SELECT ClientID FROM Enrollment
SELECT ClientID FROM cmClient INTERSECT SELECT ClientID FROM Enrollment
SELECT TOP 10 ClientID, COUNT(*) AS n FROM Enrollment GROUP BY ClientID
SELECT TOP 10 ClientID, COUNT(*) AS n FROM Enrollment GROUP BY ClientID HAVING COUNT(*) > 1 ORDER BY n DESC
SELECT TOP 10 OrgID, SUM(BudgetAmount) FROM Enrollment WHERE ExitDate IS NULL GROUP BY OrgID
SELECT TOP 10 YEAR(EnrollDate) AS y, COUNT(DISTINCT ClientID) FROM Enrollment GROUP BY YEAR(EnrollDate)
SELECT TOP 10 State, City, COUNT(*) FROM cmClient GROUP BY ROLLUP (State, City)
SELECT TOP 10 State, COUNT(*) FROM cmClient GROUP BY CUBE (State)
SELECT TOP 10 State, COUNT(*) FROM cmClient GROUP BY GROUPING SETS ((State), ())
SELECT TOP 10 ClientID, STRING_AGG(CAST(EnrollID AS varchar(10)), ',') FROM Enrollment GROUP BY ClientID
SELECT TOP 10 ClientID, STRING_AGG(CAST(EnrollID AS varchar(10)), ',') WITHIN GROUP (ORDER BY EnrollID) FROM Enrollment GROUP BY ClientID
WITH recent AS (SELECT ClientID FROM Enrollment WHERE EnrollDate > '2024-01-01') SELECT TOP 10 ClientID FROM recent
WITH ranked AS (SELECT EnrollID, ROW_NUMBER() OVER (PARTITION BY ClientID ORDER BY EnrollDate DESC) AS rn FROM Enrollment) SELECT EnrollID FROM ranked WHERE rn = 1
;WITH x AS (SELECT 1 AS a) SELECT a FROM x
DECLARE @StartDate date = '2024-01-01'; SELECT TOP 10 EnrollID FROM Enrollment WHERE EnrollDate >= @StartDate
SET NOCOUNT ON; SELECT TOP 10 ClientID FROM cmClient
USE ClientTrack; SELECT TOP 10 ClientID FROM cmClient
SELECT TOP 10 ClientID FROM cmClient GO
SELECT TOP 10 ClientID FROM cmClient; SELECT TOP 10 EnrollID FROM Enrollment
EXEC dbo.GetClients @OrgID = 5
EXECUTE sp_executesql N'SELECT TOP 10 ClientID FROM cmClient'
UPDATE cmClient SET LastName = 'x' WHERE ClientID = 1
DELETE FROM Enrollment WHERE EnrollID = 5
INSERT INTO cmClient (FirstName) VALUES ('x')
SELECT TOP 10 * FROM (SELECT ClientID, State FROM cmClient) s PIVOT (COUNT(ClientID) FOR State IN ([UT], [ID])) p
SELECT TOP 10 * FROM cmClient UNPIVOT (Phone FOR PhoneType IN (HomePhone, WorkPhone)) u
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID IN (SELECT ClientID FROM Enrollment WHERE EnrollID IN (SELECT EnrollID FROM cmCaseAssign))
SELECT TOP 10 ClientID FROM cmClient c WHERE NOT EXISTS (SELECT 1 FROM Enrollment e WHERE e.ClientID = c.ClientID AND e.ExitDate IS NULL)
SELECT TOP 10 c.ClientID, (SELECT TOP 1 EnrollDate FROM Enrollment e WHERE e.ClientID = c.ClientID ORDER BY EnrollDate DESC) AS LastEnroll FROM cmClient c
SELECT TOP 10 c.ClientID FROM cmClient c JOIN (SELECT ClientID FROM Enrollment GROUP BY ClientID HAVING COUNT(*) > 2) m ON m.ClientID = c.ClientID JOIN osUsers u ON u.UserID = 1
SELECT TOP 10 ClientID FROM cmClient ORDER BY ClientID OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY OPTION (RECOMPILE)
SELECT TOP 10 ClientID, (SELECT EnrollID FROM Enrollment e WHERE e.ClientID = c.ClientID FOR JSON PATH) AS Enrollments FROM cmClient c
SELECT TOP 10 c.ClientID, STUFF((SELECT ',' + CAST(EnrollID AS varchar(10)) FROM Enrollment e WHERE e.ClientID = c.ClientID FOR XML PATH('')), 1, 1, '') FROM cmClient c
SELECT TOP 10 ClientID FROM cmClient FOR SYSTEM_TIME AS OF '2024-01-01'
SELECT TOP 10 c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID JOIN cmCaseAssign a ON a.EnrollID = e.EnrollID WHERE a.Status = @Status OPTION (RECOMPILE)
SELECT TOP 10 ClientID, SUM(BudgetAmount) OVER (PARTITION BY ClientID) FROM Enrollment GROUP BY ClientID, BudgetAmount
SELECT TOP 10 e.ClientID, COUNT(*) FROM Enrollment e JOIN cmClient c ON c.ClientID = e.ClientID JOIN cmCaseAssign a ON a.ClientID = c.ClientID GROUP BY e.ClientID
SELECT TOP 10 ClientID FROM cmClient WHERE LastName IN (SELECT value FROM STRING_SPLIT(@names, ','))
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID > ALL (SELECT ClientID FROM Enrollment)
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID = SOME (SELECT ClientID FROM Enrollment)
SELECT TOP 10 ClientID FROM OPENQUERY(LinkedServer, 'SELECT ClientID FROM cmClient')
SELECT TOP 10 ClientID FROM LinkedServer.ClientTrack.dbo.cmClient
SELECT TOP 10 ClientID FROM cmClient MERGE JOIN Enrollment ON 1 = 1
SELECT TOP 10 c.ClientID FROM cmClient c LEFT JOIN Enrollment e ON e.ClientID = c.ClientID LEFT JOIN Enrollment e2 ON e2.ParentEnrollID = e.EnrollID
SELECT TOP 10 c.ClientID FROM cmClient c, Enrollment e, cmCaseAssign a, osUsers u WHERE 1 = 1
SELECT TOP 10 ClientID FROM cmClient UNION SELECT ClientID FROM Enrollment UNION SELECT ClientID FROM cmCaseAssign
SELECT TOP 10 ClientID FROM cmClient WHERE ClientID IN (SELECT TOP 10 ClientID FROM Enrollment ORDER BY EnrollDate DESC)
SELECT TOP 10 x.ClientID FROM (SELECT ClientID FROM cmClient UNION ALL SELECT ClientID FROM Enrollment) x
SELECT TOP 10 ClientID, LAG(UpdatedDate) OVER w FROM cmClient WINDOW w AS (ORDER BY ClientID)
SELECT TOP 10 ClientID, CASE WHEN EXISTS (SELECT 1 FROM Enrollment e WHERE e.ClientID = c.ClientID) THEN 1 ELSE 0 END FROM cmClient c
SELECT TOP 10 ClientID INTO #t FROM cmClient; SELECT ClientID FROM #t
SELECT TOP 10 ClientID FROM cmClient c WHERE c.ClientID IN (SELECT e.ClientID FROM Enrollment e JOIN cmCaseAssign a ON a.EnrollID = e.EnrollID)
SELECT TOP 10 ClientID FROM cmClient GROUP BY ClientID WITH ROLLUP
SELECT TOP 10 ClientID, JSON_VALUE(Comments, '$.note') FROM Enrollment
SELECT TOP 10 ClientID FROM cmClient WHERE ISJSON(Email) = 1
SELECT TOP 10 t.ClientID FROM cmClient t JOIN Enrollment e ON e.ClientID = t.ClientID CROSS APPLY (SELECT TOP 1 UserID FROM cmCaseAssign WHERE EnrollID = e.EnrollID) ca
-- Session statements pasted before the query (SET, USE)
SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED; SELECT TOP 10 ClientID FROM cmClient
SET ANSI_NULLS ON; SET QUOTED_IDENTIFIER ON; SELECT TOP 10 ClientID FROM cmClient
USE [ClientTrack]; SELECT TOP 10 c.ClientID FROM dbo.cmClient c
SET DATEFORMAT ymd; SELECT TOP 10 EnrollID FROM Enrollment WHERE EnrollDate > '2024-01-01'
-- Four-part names through a linked server: server.database.schema.table, server.database..table
SELECT TOP 10 ClientID FROM [REMOTE01].[ClientTrack].[dbo].[cmClient]
SELECT TOP 10 c.ClientID, e.EnrollID FROM Remote.ClientTrack..cmClient c JOIN Remote.ClientTrack.dbo.Enrollment e ON e.ClientID = c.ClientID
